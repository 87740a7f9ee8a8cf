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
import sys
import tempfile
import time

import duckdb

source = sys.argv[1]
variant = sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 600_000
batch = 2_000

work = tempfile.mkdtemp(prefix="duckdb-keys-")
db = duckdb.connect()
db.execute(f"ATTACH '{os.path.join(work, 't.duckdb')}' AS t (ROW_GROUP_SIZE 16384)")
db.execute("USE t")
db.execute(f"SET memory_limit='{os.environ.get('MEM', '512MB')}'; SET checkpoint_threshold='256MB'; SET threads=1")
db.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
columns = db.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'src'"
                     " AND table_name = 'tickets'").fetchall()
body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
names = ", ".join(f'"{name}"' for name, _ in columns)
current_key = ", PRIMARY KEY (id)" if variant in ("base", "nohistpk") else ""
history_key = ", PRIMARY KEY (id, updated_at)" if variant == "base" else ""
db.execute(f"CREATE TABLE cur ({body}{current_key})")
db.execute(f"CREATE TABLE hist ({body}{history_key})")
db.execute(f"CREATE TEMP TABLE srcrows AS SELECT {names} FROM src.tickets LIMIT {batch}")
if db.execute("SELECT count(*) FROM srcrows").fetchone()[0] < batch:
    sys.exit(f"{source} holds fewer than {batch} tickets")
db.execute("CREATE TEMP TABLE staged AS SELECT * FROM srcrows LIMIT 0")

segment_start = time.time()
took = {"stage": 0.0, "history": 0.0, "current": 0.0, "commit": 0.0}
for b in range(0, rows, batch):
    t0 = time.time()
    db.execute("BEGIN")
    db.execute(f"INSERT INTO staged SELECT * REPLACE (hash(id + {b} * 1000) % 1000000000000 AS id) FROM srcrows")
    t1 = time.time()
    db.execute(f"INSERT {'OR IGNORE ' if history_key else ''}INTO hist SELECT * FROM staged")
    t2 = time.time()
    db.execute(f"INSERT {'OR IGNORE ' if current_key else ''}INTO cur SELECT * FROM staged")
    t3 = time.time()
    db.execute("DELETE FROM staged")
    db.execute("COMMIT")
    t4 = time.time()
    for step, seconds in zip(took, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
        took[step] += seconds
    if (b + batch) % 100_000 == 0:
        print(f"{variant} {b + batch:>9,}: {100_000 / (time.time() - segment_start):,.0f} rows/s, "
              + ", ".join(f"{step} {s * 10:.0f} µs" for step, s in took.items()) + " a row")
        segment_start = time.time()
        took = {step: 0.0 for step in took}
db.close()
shutil.rmtree(work, ignore_errors=True)
