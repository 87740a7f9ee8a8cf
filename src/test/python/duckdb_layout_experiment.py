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
import shutil
import time

from duckdb_experiment_setup import (BATCH as batch, command_line, require_batch, scratch_database, ticket_columns,
                                     timed_batch)

source, variant, rows = command_line(60_000)
db, work = scratch_database("duckdb-layout-", "SET memory_limit='512MB'; SET checkpoint_threshold='256MB'; SET threads=2")
if variant == "uncompressed":
    db.execute("SET force_compression='uncompressed'")
columns = ticket_columns(db, source, without=("_deleted_at",))


def staging_type(sql_type):
    return "VARCHAR" if sql_type in ("JSON", "TIMESTAMP WITH TIME ZONE") else sql_type


body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
history_key = "" if variant == "nohistpk" else ", PRIMARY KEY (id, updated_at)"
db.execute(f"CREATE TABLE cur ({body}, _deleted_at TIMESTAMPTZ, PRIMARY KEY (id))")
db.execute(f"CREATE TABLE hist ({body}{history_key})")
db.execute("CREATE TEMP TABLE srcrows AS SELECT "
           + ", ".join(f'"{name}"::{staging_type(t)} AS "{name}"' for name, t in columns) + " FROM src.tickets")
require_batch(db, "srcrows", source)
db.execute("CREATE TEMP TABLE staged AS SELECT * FROM srcrows LIMIT 0")


def cast(name, sql_type):
    if name == "record":
        return "record" if variant == "nocast" else "record::JSON"
    return f'"{name}"::{sql_type}' if sql_type in ("JSON", "TIMESTAMP WITH TIME ZONE") else f'"{name}"'


names = ", ".join(f'"{name}"' for name, _ in columns)
select = ", ".join(cast(name, sql_type) for name, sql_type in columns)
took = {"stage": 0.0, "history": 0.0, "current": 0.0, "commit": 0.0}
for b in range(rows // batch):
    # the same tickets each batch, with new ids and updated_at
    timed_batch(db, took,
                f"INSERT INTO staged SELECT * REPLACE (id + {b * batch} AS id, ('2021-01-01T00:00:00Z'::TIMESTAMPTZ"
                f" + to_seconds({b * batch} + id))::VARCHAR AS updated_at)"
                f" FROM (SELECT * REPLACE (row_number() OVER () AS id) FROM srcrows LIMIT {batch})",
                f"INSERT {'' if variant == 'nohistpk' else 'OR IGNORE '}INTO hist ({names}) SELECT {select} FROM staged",
                f"INSERT OR IGNORE INTO cur ({names}) SELECT {select} FROM staged")
t5 = time.time()
db.execute("CHECKPOINT")
took["checkpoint"] = time.time() - t5
done = rows // batch * batch
print(f"{variant}: {done:,} rows: " + ", ".join(f"{step} {s / done * 1e6:.0f} µs a row" for step, s in took.items())
      + f"; {done / sum(took.values()):,.0f} rows/s")
db.close()
shutil.rmtree(work, ignore_errors=True)
