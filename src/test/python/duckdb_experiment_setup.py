"""What the DuckDB-only experiments share: the command line, a scratch file, the loader's file attached as `src`."""
import os
import sys
import tempfile
import time

import duckdb

BATCH = 2_000
# the scratch file's name in its temporary folder (its catalog is `t`)
SCRATCH_FILE = "t.duckdb"


def command_line(default_rows):
    """<loader's file.duckdb> <variant> [rows] from the command line."""
    if len(sys.argv) < 3:
        sys.exit(__import__("__main__").__doc__)
    return sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else default_rows


def scratch_database(prefix, settings, row_group_size=None, storage_version=None):
    """A new DuckDB file `t` in a temporary folder (attached with the row group size and the storage format when given,
    as the loader attaches its file), with the settings run."""
    work = tempfile.mkdtemp(prefix=prefix)
    path = os.path.join(work, SCRATCH_FILE)
    options = ([f"ROW_GROUP_SIZE {row_group_size}"] if row_group_size is not None else []) + (
        [f"STORAGE_VERSION '{storage_version}'"] if storage_version is not None else [])
    if not options:
        db = duckdb.connect(path)
    else:
        db = duckdb.connect()
        db.execute(f"ATTACH '{path}' AS t ({', '.join(options)})")
        db.execute("USE t")
    db.execute(settings)
    return db, work


def ticket_columns(db, source, without=()):
    """The loader's file attached read-only as `src`; the columns of its tickets table, (name, type) in order."""
    db.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    columns = db.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'src'"
                         " AND table_name = 'tickets' ORDER BY ordinal_position").fetchall()
    return [(name, sql_type) for name, sql_type in columns if name not in without]


def require_batch(db, table, source):
    if db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] < BATCH:
        sys.exit(f"{source} holds fewer than {BATCH} tickets")


def timed_batch(db, took, stage, history, current):
    """One batch as the loader writes it, one transaction: fill `staged`, the history INSERT, the current-table INSERT,
    empty `staged`, commit. Adds each step's seconds to took["stage"], ["history"], ["current"], ["commit"]."""
    t0 = time.time()
    db.execute("BEGIN")
    db.execute(stage)
    t1 = time.time()
    db.execute(history)
    t2 = time.time()
    db.execute(current)
    t3 = time.time()
    db.execute("DELETE FROM staged")
    db.execute("COMMIT")
    t4 = time.time()
    for step, seconds in zip(("stage", "history", "current", "commit"), (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
        took[step] += seconds
