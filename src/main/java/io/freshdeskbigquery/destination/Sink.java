package io.freshdeskbigquery.destination;

/**
 * The destination as the sync route sees it: two endpoints, consumed by the routes of the destination that
 * {@code destination.type} selects ({@code DuckDbRoutes} or {@code BigQuerySinkRoutes}); the others add no routes.
 * <ul>
 * <li>{@link #WRITE}: in, a page's rows ({@code List<Row>}); out, a {@link WriteResult}. Once it returns, the rows are
 * safely kept: the cursor may pass them. Idempotent per {@code id@updated_at}.</li>
 * <li>{@link #MERGE}: brings the stream's current table up to date with its history (BigQuery: one MERGE; DuckDB:
 * nothing, its writes already did); out, a {@link WriteResult}. Idempotent.</li>
 * </ul>
 * Both read the stream's tables from the {@link #TABLE} property and the run from {@link #RUN_ID}.
 */
public final class Sink {

    public static final String WRITE = "direct:sink-write";
    public static final String MERGE = "direct:sink-merge";

    /** Exchange property: the stream's {@code StreamTable}. */
    public static final String TABLE = "sinkTable";
    /** Exchange property: the run's id, kept in {@code _sync_run_id}. */
    public static final String RUN_ID = "sinkSyncRunId";

    private Sink() {
    }
}
