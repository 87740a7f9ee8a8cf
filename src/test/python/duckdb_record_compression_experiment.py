"""What storing each record's JSON with zstd, rather than with DuckDB's own choice, costs and saves (BENCHMARKS.md, issue 12).

Takes the tickets of a DuckDB file the loader wrote (`PackagedPipelineBenchmark -Dbenchmark.keep-duckdb=<file>`),
appends them in transactions of 2,000 rows to a history of the loader's layout, one thread, in DuckDB 1.2's storage
format as the loader attaches its file, then checkpoints; prints the CPU of the inserts and of the checkpoint, the
file's size and how the record column's segments were stored.

    pip install duckdb==1.4.4
    python src/test/python/duckdb_record_compression_experiment.py <loader's file.duckdb> auto|zstd [rows]
    # auto: `record JSON` (DuckDB weighs FSST, the dictionary and zstd for each segment; the loader before this change)
    # zstd: `record JSON USING COMPRESSION zstd` (the loader's tables now)
"""
import os
import resource
import shutil

from duckdb_experiment_setup import (BATCH as batch, SCRATCH_FILE, command_line, require_batch, scratch_database,
                                     ticket_columns)


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


source, variant, rows = command_line(100_000)
if variant not in ("auto", "zstd"):
    raise SystemExit(__doc__)
db, work = scratch_database("duckdb-record-compression-", "SET threads=1; SET memory_limit='256MB';"
                            " SET checkpoint_threshold='256MB'; SET zstd_min_string_length=256",
                            row_group_size=16384, storage_version="v1.2.0")
path = os.path.join(work, SCRATCH_FILE)
columns = ticket_columns(db, source)
compression = " USING COMPRESSION zstd" if variant == "zstd" else ""
body = ", ".join(f'"{name}" {sql_type}' + (compression if name == "record" else "") for name, sql_type in columns)
db.execute(f"CREATE TABLE history ({body})")
db.execute("CREATE TEMP TABLE ordered AS SELECT row_number() OVER (ORDER BY updated_at, id) AS n, *"
           f" FROM src.tickets_changes LIMIT {rows}")
require_batch(db, "ordered", source)
names = ", ".join(f'"{name}"' for name, _ in columns)
total = db.execute("SELECT count(*) FROM ordered").fetchone()[0]
db.execute("CHECKPOINT t")
start = cpu()
for first in range(1, total + 1, batch):
    db.execute("BEGIN")
    db.execute(f"INSERT INTO history SELECT {names} FROM ordered WHERE n >= {first} AND n < {first + batch}")
    db.execute("COMMIT")
inserted = cpu()
db.execute("CHECKPOINT t")
checkpointed = cpu()
stored = db.execute("SELECT compression, count(*) FROM pragma_storage_info('t.history') WHERE column_name = 'record'"
                    " AND segment_type <> 'VALIDITY' GROUP BY ALL ORDER BY 2 DESC").fetchall()
print(f"{variant}: {total:,} tickets; inserts {inserted - start:.2f} CPU-s, checkpoint {checkpointed - inserted:.2f} CPU-s;"
      f" file {os.path.getsize(path) / total:.0f} bytes a ticket; record segments {stored}")
db.close()
shutil.rmtree(work)
