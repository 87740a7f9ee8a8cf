"""What the embedded destination's table layout costs DuckDB itself, without Java in the way (BENCHMARKS.md, issue 12).

Takes the tickets of a DuckDB file the loader wrote (any run of the simulator), copies them in batches of 2,000 into
the same layout the loader uses (a VARCHAR staging table, then INSERT OR IGNORE into the history and the current table,
one transaction a batch) and prints the time a row of each step: staging, history INSERT, current INSERT, commit, and the
checkpoint at the end.

    pip install duckdb==1.4.1
    python src/test/python/duckdb_layout_experiment.py <loader's file.duckdb> base [rows]
    # variants: base | nocast (record not cast to JSON) | nohistpk (no primary key on the history)
    #           | uncompressed (force_compression='uncompressed': what compressing at the checkpoint costs)
"""
import os
import sys
import tempfile
import time

import duckdb

source = sys.argv[1]
variant = sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
batch = 2000

work = tempfile.mkdtemp(prefix="duckdb-layout-")
db = duckdb.connect(os.path.join(work, "t.duckdb"))
db.execute("SET memory_limit='512MB'; SET checkpoint_threshold='256MB'; SET threads=2")
if variant == "uncompressed":
    db.execute("SET force_compression='uncompressed'")
db.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
columns = db.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'src'"
                     " AND table_name = 'tickets' AND column_name <> '_deleted_at'").fetchall()


def staging_type(sql_type):
    return "VARCHAR" if sql_type in ("JSON", "TIMESTAMP WITH TIME ZONE") else sql_type


body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
history_key = "" if variant == "nohistpk" else ", PRIMARY KEY (id, updated_at)"
db.execute(f"CREATE TABLE cur ({body}, _deleted_at TIMESTAMPTZ, PRIMARY KEY (id))")
db.execute(f"CREATE TABLE hist ({body}{history_key})")
db.execute("CREATE TEMP TABLE srcrows AS SELECT "
           + ", ".join(f'"{name}"::{staging_type(t)} AS "{name}"' for name, t in columns) + " FROM src.tickets")
if db.execute("SELECT count(*) FROM srcrows").fetchone()[0] < batch:
    sys.exit(f"{source} holds fewer than {batch} tickets")
db.execute("CREATE TEMP TABLE staged AS SELECT * FROM srcrows LIMIT 0")


def cast(name, sql_type):
    if name == "record":
        return "record" if variant == "nocast" else "record::JSON"
    return f'"{name}"::{sql_type}' if sql_type in ("JSON", "TIMESTAMP WITH TIME ZONE") else f'"{name}"'


names = ", ".join(f'"{name}"' for name, _ in columns)
select = ", ".join(cast(name, sql_type) for name, sql_type in columns)
took = {"stage": 0.0, "history": 0.0, "current": 0.0, "commit": 0.0}
for b in range(rows // batch):
    t0 = time.time()
    db.execute("BEGIN")
    # the same tickets each batch, with new ids and updated_at
    db.execute(f"INSERT INTO staged SELECT * REPLACE (id + {b * batch} AS id, ('2021-01-01T00:00:00Z'::TIMESTAMPTZ"
               f" + to_seconds({b * batch} + id))::VARCHAR AS updated_at)"
               f" FROM (SELECT * REPLACE (row_number() OVER () AS id) FROM srcrows LIMIT {batch})")
    t1 = time.time()
    db.execute(f"INSERT {'' if variant == 'nohistpk' else 'OR IGNORE '}INTO hist ({names}) SELECT {select} FROM staged")
    t2 = time.time()
    db.execute(f"INSERT OR IGNORE INTO cur ({names}) SELECT {select} FROM staged")
    t3 = time.time()
    db.execute("DELETE FROM staged")
    db.execute("COMMIT")
    t4 = time.time()
    for step, seconds in zip(took, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
        took[step] += seconds
t5 = time.time()
db.execute("CHECKPOINT")
took["checkpoint"] = time.time() - t5
done = rows // batch * batch
print(f"{variant}: {done:,} rows: " + ", ".join(f"{step} {s / done * 1e6:.0f} µs a row" for step, s in took.items())
      + f"; {done / sum(took.values()):,.0f} rows/s")
db.close()
import shutil  # noqa: E402
shutil.rmtree(work, ignore_errors=True)
