"""What the primary keys of the embedded destination's tables cost DuckDB as a backfill grows (BENCHMARKS.md, issue 12).

Copies 2,000 tickets of a DuckDB file the loader wrote into a history and a current table with the loader's columns,
over and over with new ids spread the way a backfill's are (in updated_at order, so not in id order), one transaction
per batch of 2,000 as the loader does, with the loader's DuckDB settings (row groups of 16,384, one thread, 256 MB
checkpoint threshold). Prints rows/s and the µs a row of each step for every 100,000 rows.

    pip install duckdb==1.4.1
    python src/test/python/duckdb_key_cost_experiment.py <loader's file.duckdb> base [rows]
    # variants: base (both keys, as shipped) | nohistpk (the current table's key only) | nopk (no key)
    # MEM=3GB sets memory_limit (default 512MB)
"""
import os
import shutil
import time

from duckdb_experiment_setup import (BATCH as batch, command_line, require_batch, scratch_database, ticket_columns,
                                     timed_batch)

source, variant, rows = command_line(600_000)
db, work = scratch_database("duckdb-keys-", f"SET memory_limit='{os.environ.get('MEM', '512MB')}';"
                            " SET checkpoint_threshold='256MB'; SET threads=1", row_group_size=16384)
columns = ticket_columns(db, source)
body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
names = ", ".join(f'"{name}"' for name, _ in columns)
current_key = ", PRIMARY KEY (id)" if variant in ("base", "nohistpk") else ""
history_key = ", PRIMARY KEY (id, updated_at)" if variant == "base" else ""
db.execute(f"CREATE TABLE cur ({body}{current_key})")
db.execute(f"CREATE TABLE hist ({body}{history_key})")
db.execute(f"CREATE TEMP TABLE srcrows AS SELECT {names} FROM src.tickets LIMIT {batch}")
require_batch(db, "srcrows", source)
db.execute("CREATE TEMP TABLE staged AS SELECT * FROM srcrows LIMIT 0")

segment_start = time.time()
took = {"stage": 0.0, "history": 0.0, "current": 0.0, "commit": 0.0}
for b in range(0, rows, batch):
    timed_batch(db, took,
                f"INSERT INTO staged SELECT * REPLACE (hash(id + {b} * 1000) % 1000000000000 AS id) FROM srcrows",
                f"INSERT {'OR IGNORE ' if history_key else ''}INTO hist SELECT * FROM staged",
                f"INSERT {'OR IGNORE ' if current_key else ''}INTO cur SELECT * FROM staged")
    if (b + batch) % 100_000 == 0:
        print(f"{variant} {b + batch:>9,}: {100_000 / (time.time() - segment_start):,.0f} rows/s, "
              + ", ".join(f"{step} {s * 10:.0f} µs" for step, s in took.items()) + " a row")
        segment_start = time.time()
        took = {step: 0.0 for step in took}
db.close()
shutil.rmtree(work, ignore_errors=True)
