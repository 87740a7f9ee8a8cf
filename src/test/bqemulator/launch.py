"""Starts bqemulator (pinned in requirements.txt) for the engine tests, after mending in memory the gaps that
would otherwise stop the BigQuery Java client. Nothing installed is edited and none of the project's SQL is
changed: every statement the loader sends reaches the emulator as sent.

The gaps (bqemulator 1.4.0):
1. It refuses to start when DuckDB's ``spatial`` extension cannot be downloaded (offline machines, CI).
   Only GEOGRAPHY needs it, and the loader has no GEOGRAPHY column: a failed load is tolerated.
2. It answers 404 when the rows of a query's anonymous result table are listed (``tabledata.list`` on
   ``_bqemu_anonymous.anon<job>``), which is how the Java client reads every SELECT's rows: they are
   served from the job's results.
3. ``getQueryResults`` of a failed job answers ``404 Not found: job`` instead of the job's own error: it
   answers 400 with that error, as BigQuery does, so the loader's log names what really failed.
4. ``ALTER TABLE … ADD COLUMN`` changes the table but not the schema ``tables.get`` answers (the catalog is
   refreshed after CREATE TABLE only): it is refreshed after ALTER TABLE too.

Usage: python launch.py start --rest-port P --grpc-port Q --project X  (the bqemulator CLI's arguments)
"""

from __future__ import annotations

import re
import sys
from typing import Any

from fastapi import Query
from fastapi.responses import JSONResponse

import bqemulator.server as server
from bqemulator.storage import engine

def _tolerate_missing_spatial() -> None:
    load_spatial = engine.DuckDBEngine._load_spatial

    def load_spatial_if_available(self: Any) -> None:
        try:
            load_spatial(self)
        except Exception as exc:  # noqa: BLE001 - any failure means "not available here"
            print(f"launch.py: DuckDB spatial extension unavailable, GEOGRAPHY disabled ({exc})", file=sys.stderr)

    engine.DuckDBEngine._load_spatial = load_spatial_if_available

_ALTER_TABLE = re.compile(r"^\s*ALTER\s+TABLE\s+([\w-]+)\.(\w+)\.(\w+)\s", re.IGNORECASE)

def _refresh_schema_after_alter_table() -> None:
    from bqemulator.api.routes import jobs
    from bqemulator.catalog import ddl_sync

    execute_query_job = jobs.execute_query_job

    async def execute_and_refresh_altered_table(project_id: str, job_id: str, bq_sql: str, query_params: Any,
                                                ctx: Any, **kwargs: Any) -> Any:
        result = await execute_query_job(project_id, job_id, bq_sql, query_params, ctx, **kwargs)
        altered = _ALTER_TABLE.match(bq_sql.replace("`", ""))
        if altered is not None:
            project, dataset, table = altered.groups()
            meta = ctx.catalog.get_table(project, dataset, table)
            if meta is not None:
                schema = ddl_sync._introspect_schema(project, dataset, table, ctx)
                ctx.catalog.update_table(meta.model_copy(update={"schema_": schema}))
        return result

    jobs.execute_query_job = execute_and_refresh_altered_table


def _job_id_of_anonymous_table(table_id: str) -> str:
    flat = table_id.removeprefix("anon")
    if len(flat) == 32 and "_" not in flat:
        return f"{flat[0:8]}-{flat[8:12]}-{flat[12:16]}-{flat[16:20]}-{flat[20:32]}"
    return flat


def _with_mended_routes(create_app: Any) -> Any:
    from fastapi import APIRouter, Depends

    from bqemulator.api.dependencies import get_context
    from bqemulator.api.routes import jobs
    from bqemulator.jobs.executor import JOB_RESULTS
    from bqemulator.storage.arrow_bridge import arrow_table_to_bq_rows

    mended = APIRouter(prefix="/bigquery/v2")

    @mended.get("/projects/{project_id}/datasets/_bqemu_anonymous/tables/{table_id}/data")
    def list_anonymous_result_rows(
        project_id: str,
        table_id: str,
        maxResults: int = Query(default=10000),  # noqa: N803
        startIndex: int = Query(default=0),  # noqa: N803
        pageToken: str | None = Query(default=None),  # noqa: N803
    ) -> Any:
        results = JOB_RESULTS.get(_job_id_of_anonymous_table(table_id))
        if results is None:
            return _error(404, "notFound", f"Not found: Table {project_id}:_bqemu_anonymous.{table_id}")
        offset = int(pageToken) if pageToken else startIndex
        response: dict[str, Any] = {
            "kind": "bigquery#tableDataList",
            "totalRows": str(results.num_rows),
            "rows": arrow_table_to_bq_rows(results, offset=offset, limit=maxResults),
        }
        if offset + maxResults < results.num_rows:
            response["pageToken"] = str(offset + maxResults)
        return response

    @mended.get("/projects/{project_id}/queries/{job_id}")
    def query_results_or_the_jobs_error(
        project_id: str,
        job_id: str,
        ctx: Any = Depends(get_context),
        maxResults: int = Query(default=10000),  # noqa: N803
        startIndex: int = Query(default=0),  # noqa: N803
        pageToken: str | None = Query(default=None),  # noqa: N803
    ) -> Any:
        job = ctx.catalog.get_job(project_id, job_id)
        if JOB_RESULTS.get(job_id) is None and job is not None and job.error_result:
            error = dict(job.error_result)
            return _error(400, error.get("reason", "invalidQuery"), error.get("message", ""))
        return jobs.get_query_results(project_id, job_id, ctx, maxResults, startIndex, pageToken)

    def create_mended_app(context: Any) -> Any:
        app = create_app(context)
        emulator_routes = list(app.router.routes)
        app.include_router(mended)
        # ours first, so they answer before the emulator's own routes for the same paths
        app.router.routes[:] = app.router.routes[len(emulator_routes):] + emulator_routes
        return app

    return create_mended_app

def _error(status: int, reason: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {
        "code": status, "message": message,
        "errors": [{"reason": reason, "message": message, "domain": "global"}], "status": reason}})

if __name__ == "__main__":
    _tolerate_missing_spatial()
    _refresh_schema_after_alter_table()
    server.create_app = _with_mended_routes(server.create_app)
    from bqemulator.cli import main

    main()
