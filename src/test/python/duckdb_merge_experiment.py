"""Append-then-merge against per-batch upserts through primary keys, DuckDB alone (BENCHMARKS.md, issue 12).

Stages 2,000 tickets of a DuckDB file the loader wrote the way the loader stages them (timestamps and JSON as text,
the record as a BLOB), over and over with new ids, one transaction per batch, with the loader's DuckDB settings, and
moves them on the way the loader does:
    keys:  both tables with their primary keys, each batch INSERT OR IGNOREd into the history and the current table
           (the loader before the merge);
    merge: tables without keys, each batch appended to the history; every 100,000 rows one merge (versions appended
           twice dropped, the newest per id replacing the current row), as the loader does now.
Prints rows/s and the µs a row of each step for every 100,000 rows.

    pip install duckdb==1.4.1
    python src/test/python/duckdb_merge_experiment.py <loader's file.duckdb> keys|merge [rows]
"""
import shutil
import time

from duckdb_experiment_setup import BATCH as batch, command_line, scratch_database, ticket_columns

source, variant, rows = command_line(600_000)
db, work = scratch_database("duckdb-merge-", "SET memory_limit='512MB'; SET checkpoint_threshold='256MB'; SET threads=1",
                            row_group_size=16384)
columns = ticket_columns(db, source)
texts = ("TIMESTAMP WITH TIME ZONE", "JSON")
body = ", ".join(f'"{n}" {t}' for n, t in columns)
names = ", ".join(f'"{n}"' for n, _ in columns)
# staged as the loader stages: text for timestamps and JSON, the record's bytes as a BLOB
staged_as = ", ".join(f'encode("{n}"::VARCHAR) AS "{n}"' if n == "record" else f'"{n}"::VARCHAR AS "{n}"' if t in texts
                      else f'"{n}"' for n, t in columns)
cast_back = ", ".join(f'decode("{n}")::JSON' if n == "record" else f'"{n}"::{t}' if t in texts else f'"{n}"'
                      for n, t in columns)
keys = variant == "keys"
db.execute(f"CREATE TABLE cur ({body}{', PRIMARY KEY (id)' if keys else ''})")
db.execute(f"CREATE TABLE hist ({body}{', PRIMARY KEY (id, updated_at)' if keys else ''})")
db.execute(f"CREATE TEMP TABLE srcrows AS SELECT {staged_as} FROM src.tickets LIMIT {batch}")
db.execute("CREATE TEMP TABLE staged AS SELECT * FROM srcrows LIMIT 0")


def merge(mark):
    """The loader's merge of the rows loaded after mark; answers the new mark."""
    db.execute("BEGIN")
    since = f"WHERE _loaded_at > '{mark}'::TIMESTAMPTZ"
    through = db.execute(f"SELECT max(_loaded_at)::VARCHAR FROM hist {since}").fetchone()[0]
    db.execute(f"DELETE FROM hist WHERE rowid IN (SELECT rowid FROM (SELECT rowid, id, updated_at, row_number() OVER"
               f" (PARTITION BY id, updated_at ORDER BY _loaded_at) AS copy FROM hist {since}) n WHERE copy > 1 OR EXISTS"
               f" (SELECT 1 FROM hist o WHERE o._loaded_at <= '{mark}'::TIMESTAMPTZ AND o.id = n.id"
               f" AND o.updated_at = n.updated_at))")
    db.execute(f"CREATE OR REPLACE TEMP TABLE fresh AS SELECT * FROM hist {since}"
               " QUALIFY row_number() OVER (PARTITION BY id ORDER BY updated_at DESC) = 1")
    db.execute("DELETE FROM fresh WHERE EXISTS (SELECT 1 FROM cur c WHERE c.id = fresh.id AND c.updated_at >= fresh.updated_at)")
    db.execute("DELETE FROM cur WHERE id IN (SELECT id FROM fresh)")
    db.execute("INSERT INTO cur SELECT * FROM fresh")
    db.execute("DROP TABLE fresh")
    db.execute("COMMIT")
    return through


mark = "-infinity"
segment_start = time.time()
took = {"stage": 0.0, "insert": 0.0, "commit": 0.0, "merge": 0.0}
for i, b in enumerate(range(0, rows, batch)):
    t0 = time.time()
    db.execute("BEGIN")
    db.execute("DELETE FROM staged")
    # new ids spread as a backfill's are; each batch loaded a second after the one before
    db.execute(f"INSERT INTO staged SELECT * REPLACE (hash(id + {b} * 1000) % 1000000000000 AS id,"
               f" (TIMESTAMPTZ '2026-01-01' + INTERVAL ({i}) SECOND)::VARCHAR AS _loaded_at) FROM srcrows")
    t1 = time.time()
    if keys:
        db.execute(f"INSERT OR IGNORE INTO hist SELECT {cast_back} FROM staged")
        db.execute(f"INSERT OR IGNORE INTO cur SELECT {cast_back} FROM staged")
    else:
        db.execute(f"INSERT INTO hist SELECT {cast_back} FROM staged")
    t2 = time.time()
    db.execute("COMMIT")
    t3 = time.time()
    took["stage"] += t1 - t0
    took["insert"] += t2 - t1
    took["commit"] += t3 - t2
    if not keys and ((b + batch) % 100_000 == 0 or b + batch >= rows):
        t4 = time.time()
        mark = merge(mark)
        took["merge"] += time.time() - t4
    if (b + batch) % 100_000 == 0:
        print(f"{variant} {b + batch:>9,}: {100_000 / (time.time() - segment_start):,.0f} rows/s, "
              + ", ".join(f"{step} {s * 10:.0f} µs" for step, s in took.items()) + " a row", flush=True)
        segment_start = time.time()
        took = {step: 0.0 for step in took}
print("current", db.execute("SELECT count(*), count(DISTINCT id) FROM cur").fetchone(),
      "history", db.execute("SELECT count(*) FROM hist").fetchone()[0])
db.close()
shutil.rmtree(work, ignore_errors=True)
