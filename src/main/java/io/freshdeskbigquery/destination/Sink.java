package io.freshdeskbigquery.destination;

/**
 * The destination as the sync route sees it: eleven endpoints, consumed by the routes of the destination that
 * {@code destination.type} selects ({@code DuckDbRoutes} or {@code BigQuerySinkRoutes}); the others add no routes.
 * Each reads the stream's tables from the {@link #TABLE} property and the run from {@link #RUN_ID}.
 * <ul>
 * <li>{@link #PREPARE}: creates the stream's tables (and {@code _sync_state}, {@code _rejected}) when missing;
 * existing tables are reused, never dropped.</li>
 * <li>{@link #LOAD_STATE}: out, the stream's committed {@link SyncState}, or null before its first commit.</li>
 * <li>{@link #CHECK_STATE}: for {@code sync.check}, out, a {@link StateCheck}: the stream's committed state, read
 * without creating or changing anything (DuckDB: the file opened read-only; a file that does not exist yet is
 * {@link StateCheck#missing} when its folder can be made, a failure when not).</li>
 * <li>{@link #READ_STATES}: in, the names of the streams about to run ({@code List<String>}); the destination may read
 * all their committed states at once, each stream's next {@link #LOAD_STATE} then answering from it (BigQuery: one
 * query job instead of one a stream; DuckDB reads a state when asked, so nothing here). Sent by {@code sync.once}
 * before its runs; should it fail, each run reads its own state.</li>
 * <li>{@link #SAVE_STATE}: in, a {@link SyncState}; commits the cursor (only ever after the rows up to it were
 * written).</li>
 * <li>{@link #REJECT}: in, a {@link RejectedRecord}; kept in {@code _rejected}.</li>
 * <li>{@link #WRITE}: in, a page's rows ({@code List<Row>}); out, a {@link WriteResult}. Once it returns, the rows are
 * safely kept: the cursor may pass them. Idempotent per {@code id@updated_at} once merged.</li>
 * <li>{@link #CUSTOM_FIELDS}: in, a {@code CustomFieldsView}; (re)makes the view with one typed column per custom
 * field over a stream's current table (made first when missing).</li>
 * <li>{@link #MARK_VANISHED}: in, the ids a complete read of a list read whole found ({@code SeenIds}); marks the
 * rows of the current table not among them with {@code _deleted_at} and clears it on those back; out, a
 * {@code WriteResult} (updated: the rows marked gone; inserted: the rows back).</li>
 * <li>{@link #MERGE}: brings the stream's current table up to date with its history (BigQuery: one MERGE; DuckDB: one
 * transaction that also keeps each version of the history once); out, a {@link WriteResult}. Idempotent.</li>
 * </ul>
 * A failure comes back to the sync route as a {@link DestinationException} naming what failed.
 */
public final class Sink {

    /** The endpoints' common beginning: each is {@code direct:sink-<what>}. */
    public static final String PREFIX = "direct:sink";

    public static final String PREPARE = PREFIX + "-prepare";
    public static final String LOAD_STATE = PREFIX + "-load-state";
    public static final String CHECK_STATE = PREFIX + "-check-state";
    public static final String READ_STATES = PREFIX + "-read-states";
    public static final String SAVE_STATE = PREFIX + "-save-state";
    public static final String REJECT = PREFIX + "-reject";
    public static final String WRITE = PREFIX + "-write";
    public static final String MERGE = PREFIX + "-merge";
    public static final String CUSTOM_FIELDS = PREFIX + "-custom-fields";
    public static final String MARK_VANISHED = PREFIX + "-mark-vanished";
    /**
     * The end of a ticket activities run: (re)makes the view {@value #STATUS_DURATIONS_VIEW} over the stream's current
     * table ({@link #TABLE}): per ticket, each status it entered, when, when it left it (null: it is still in it) and
     * how many seconds it stayed (its activities that set a status, ordered by {@code performed_at}, the export's day
     * and the activity's place in it; a status set again while the ticket is in it is no new stay).
     */
    public static final String STATUS_DURATIONS = PREFIX + "-status-durations";
    public static final String STATUS_DURATIONS_VIEW = "ticket_status_durations";

    /** Exchange property: the stream's {@code StreamTable}. */
    public static final String TABLE = "sinkTable";
    /** Exchange property: the run's id, kept in {@code _sync_run_id}. */
    public static final String RUN_ID = "sinkSyncRunId";

    private Sink() {
    }
}
