package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.JobId;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;
import org.apache.camel.model.RouteDefinition;
import org.jboss.logging.Logger;

/**
 * The BigQuery sink, as routes. Each entry point ({@code <prefix>-<what>}, {@link Sink}) runs its steps and hands a
 * failure back to the sync route as a {@link DestinationException} naming what failed.
 *
 * <pre>
 * -prepare     the dataset's DDL (once per process: datasets.get, tables.list, tables.get find what exists)
 *              and the stream's, only for what is missing, each statement → direct:bigquery-sql
 * -read-states (sync.once, before its runs) SELECT every stream's row of _sync_state in one job → direct:bigquery-sql
 * -mark-vanished (a list read whole, read completely) the same ids as the last ones checked (seen_ids_sha256 in
 *              the cursor's row): nothing; else count the rows gone and back → direct:bigquery-sql, mark them if any
 *              → direct:bigquery-sql, keep the ids' fingerprint: UPDATE _sync_state → direct:bigquery-sql
 * -load-state  the stream's row as -read-states read it (taken once), else SELECT the stream's row of _sync_state
 *              (the cursor, and how far the last MERGE reached)           → direct:bigquery-sql
 * -save-state  MERGE the stream's cursor and boundary keys into _sync_state, with written_through (the newest
 *              _loaded_at this process has streamed for the stream)        → direct:bigquery-sql
 * -reject      the record as a _rejected row                               → direct:bigquery-insert
 * -write       (a page's rows)
 *   rows → {@code <stream>_changes} rows, in insertAll requests of ≤ insert.max-rows rows and ≤ insert.max-bytes
 *   split: each request → direct:bigquery-insert-rows
 *     try      direct:bigquery-insert → google-bigquery: (insertAll, retried when transient)
 *     refused  → direct:bigquery-refused-rows
 *                one row: → direct:bigquery-insert → google-bigquery: (_rejected)
 *                more:    split in halves → direct:bigquery-insert-rows (the refused rows are found by halving)
 *   → WriteResult (rows refused); once insertAll took them, the rows are safely kept and the cursor may pass them
 * -merge       (the end of a run, and every bigquery.merge.every-batches batches)
 *   how far the last MERGE reached: _sync_state.merged_through, read once per process (with the cursor at
 *     -load-state; alone here when the process has not read it yet)                    → direct:bigquery-sql
 *   no write past it (the cursor's row says how far writes went, written_through; this process made none since):
 *     done, no query, no MERGE (a quiet run's merge costs no job)
 *   else the newest _loaded_at in the history since then                               → direct:bigquery-sql
 *   nothing newer: done, no MERGE (quiet runs do not scan the current table)
 *   MERGE the history rows since then (less {@link BigQuerySettings#MERGE_LOOKBACK}) into {@code <stream>} → direct:bigquery-sql
 *   remember how far it reached: UPDATE _sync_state.merged_through                      → direct:bigquery-sql
 *   → WriteResult (inserted and updated by the MERGE: jobs.get dmlStats)
 *
 * direct:bigquery-sql → direct:bigquery-sql-job → google-bigquery-sql: (one job per attempt, retried when transient)
 * </pre>
 * Every BigQuery call goes through one of the two retried routes ({@code bigquery-insert}, {@code bigquery-sql-job}):
 * transient failures (5xx, {@code backendError}, {@code rateLimitExceeded}, quota, a table not yet visible to
 * streaming, DML that lost a race) are retried by Camel's redelivery with exponential backoff and jitter
 * ({@code bigquery.retry.*}), the only retry layer (the client tries once); anything else goes straight back.
 * <p>
 * The statements, and what the routes remember between calls, are the {@link BigQueryDestination}'s.
 * <p>
 * Abstract, so that Camel's route discovery leaves it alone: the application's instance is {@link BigQuerySinkRoutes},
 * active only when {@code destination.type=bigquery}.
 */
public abstract class BigQueryRoutes extends RouteBuilder {

    static final String DATASET = "direct:bigquery-dataset";
    static final String INSERT_ROWS = "direct:bigquery-insert-rows";
    static final String MERGE_STEPS = "direct:bigquery-merge-steps";
    static final String DDL_LIST = "direct:bigquery-ddl-list";
    static final String REFUSED_ROWS = "direct:bigquery-refused-rows";
    static final String INSERT = "direct:bigquery-insert";
    static final String SQL = "direct:bigquery-sql";
    /** The header naming the statement {@link #SQL} runs: {@value #DDL}, or a statement file ({@link BigQuerySql#STATEMENTS}). */
    static final String STATEMENT = "bigQueryStatement";
    static final String DDL = "ddl";

    /** What an entry point says when it fails, with %s for the stream. */
    private static final String FAILURE = "bigQueryFailure";
    /** The insertAll request being tried ({@code List<Change>}). */
    private static final String REQUEST = "bigQueryInsertRequest";
    /** How many of the page's rows BigQuery refused ({@link AtomicInteger}, shared by the split's parts). */
    private static final String REFUSED = "bigQueryRefusedRows";
    /** The {@code SeenIdsChecks.fingerprint} of the ids a complete read found ({@code -mark-vanished}). */
    private static final String SEEN_IDS_SHA256 = "bigQuerySeenIdsSha256";
    /** The streams whose rows {@code -read-states} reads ({@code List<String>}). */
    private static final String STREAMS = "bigQueryStreams";
    /** How far the MERGE goes: from (null: the whole history) and through, the newest {@code _loaded_at}. */
    private static final String MERGE_FROM = "bigQueryMergeFrom";
    private static final String MERGE_THROUGH = "bigQueryMergeThrough";

    private static final Logger LOG = Logger.getLogger(BigQueryRoutes.class);

    private BigQueryDestination destination;
    private String prefix;

    /** For CDI ({@link BigQuerySinkRoutes}), which calls {@link #use} before {@link #configure}. */
    protected BigQueryRoutes() {
    }

    /** Routes that write through the destination; the entry points are {@code <prefix>-<what>} ({@link Sink}). */
    protected BigQueryRoutes(BigQueryDestination destination, String prefix) {
        use(destination, prefix);
    }

    protected final void use(BigQueryDestination destination, String prefix) {
        this.destination = destination;
        this.prefix = prefix;
    }

    /** An entry point: its steps, and a failure handed back named ({@link #failed}). */
    private void entry(String what, String steps, String failure) {
        from(prefix + "-" + what).routeId("bigquery-" + what)
                // failures go to the caller, in the end the sync route, which records the run as failed
                .errorHandler(noErrorHandler())
                .doTry()
                .to(steps)
                .doCatch(Exception.class)
                .setProperty(FAILURE, constant(failure))
                .process(this::failed)
                .end()
                // the statements' names and values stay here
                .removeHeaders("*", "Camel*");
    }

    @Override
    public void configure() {
        // @formatter:off
        BigQuerySettings settings = destination.settings();
        String dataset = "google-bigquery:" + settings.projectId() + ":" + settings.dataset()
                + "?connectionFactory=#" + BigQueryDestination.CONNECTION_FACTORY;

        entry("prepare", "direct:bigquery-prepare-steps", "Cannot create the BigQuery tables of stream %s");
        from("direct:bigquery-prepare-steps").routeId("bigquery-prepare-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::tablesDdl)
                .to(DDL_LIST)
                .process(this::tablesReady);

        // the statements of the body (DDL), one job each, in order
        from(DDL_LIST).routeId("bigquery-ddl-list")
                .errorHandler(noErrorHandler())
                .split(body()).stopOnException()
                    .process(this::ddl)
                    .to(SQL)
                .end();

        from(DATASET).routeId("bigquery-dataset")
                .errorHandler(noErrorHandler())
                .process(this::datasetDdl)
                .to(DDL_LIST)
                .process(this::datasetReady);

        // the view with a column per custom field, over the current table (made first when missing)
        entry("custom-fields", "direct:bigquery-custom-fields-steps", "Cannot make the custom-field view of stream %s");
        from("direct:bigquery-custom-fields-steps").routeId("bigquery-custom-fields-steps")
                .errorHandler(noErrorHandler())
                .setVariable("customFieldsView", body())
                .process(this::customFieldsDdl)
                .to(DDL_LIST)
                .process(this::customFieldsReady);

        // after a complete read of a list read whole: count the rows gone and back (a query), mark them only if any,
        // and keep a fingerprint of the ids; the same ids as the last ones checked: nothing gone or back, no query
        entry("mark-vanished", "direct:bigquery-mark-vanished-steps", "Cannot mark the rows of stream %s gone from its list");
        from("direct:bigquery-mark-vanished-steps").routeId("bigquery-mark-vanished-steps")
                .errorHandler(noErrorHandler())
                .setVariable("seenIds", body())
                .process(this::fingerprintSeenIds)
                .choice()
                    .when(this::sameIdsAsLastChecked)
                        .setVariable("vanished", constant(WriteResult.NONE))
                    .otherwise()
                        .process(this::vanishedCountQuery)
                        .to(SQL)
                        .process(this::vanishedCounted)
                        .filter(this::anyRowGoneOrBack)
                            .process(this::markVanishedStatement)
                            .to(SQL)
                        .end()
                        .process(this::saveSeenIdsStatement)
                        .doTry()
                            .to(SQL)
                            .process(this::seenIdsSaved)
                        .doCatch(Exception.class)
                            .process(this::seenIdsNotSaved)
                        .end()
                .end()
                .setBody(variable("vanished"));

        entry("load-state", "direct:bigquery-load-state-steps", "Cannot read the cursor of stream %s from BigQuery");
        from("direct:bigquery-load-state-steps").routeId("bigquery-load-state-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .choice()
                    .when(this::stateReadAhead)
                        .process(this::takeStateReadAhead)
                    .otherwise()
                        .process(this::loadStateQuery)
                        .to(SQL)
                .end()
                // the row also says how far the stream's last MERGE reached, which its first MERGE then needs not ask
                .process(this::rememberStateRow)
                .process(this::toSyncState);

        // every stream's row in one job (one minimum bill, not one a stream), for the streams of the body
        entry("read-states", "direct:bigquery-read-states-steps", "Cannot read the cursors of streams %s from BigQuery");
        from("direct:bigquery-read-states-steps").routeId("bigquery-read-states-steps")
                .errorHandler(noErrorHandler())
                .setProperty(STREAMS, body())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::loadStatesQuery)
                .to(SQL)
                .process(this::keepStatesReadAhead);

        entry("save-state", "direct:bigquery-save-state-steps", "Cannot commit the cursor of stream %s to BigQuery");
        from("direct:bigquery-save-state-steps").routeId("bigquery-save-state-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::saveStateStatement)
                .to(SQL);

        entry("reject", "direct:bigquery-reject-steps", "Cannot record a rejected record of stream %s in BigQuery");
        from("direct:bigquery-reject-steps").routeId("bigquery-reject-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::toRejectedRecordRow)
                .to(INSERT);

        entry("write", "direct:bigquery-write-steps", "BigQuery could not take the rows of stream %s");
        from("direct:bigquery-write-steps").routeId("bigquery-write-steps")
                .errorHandler(noErrorHandler())
                .process(this::toInsertRequests)
                .split(body()).stopOnException()
                    .to(INSERT_ROWS)
                .end()
                .process(this::writeResult);

        from(INSERT_ROWS).routeId("bigquery-insert-rows")
                .errorHandler(noErrorHandler())
                .setProperty(REQUEST, body())
                .doTry()
                    .process(this::toInsertAllBody)
                    .to(INSERT)
                .doCatch(Exception.class).onWhen(this::rowsRefused)
                    .to(REFUSED_ROWS)
                .doCatch(Exception.class)
                    .process(this::insertFailed)
                .end();

        from(REFUSED_ROWS).routeId("bigquery-refused-rows")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(this::oneRow)
                        .process(this::toRejectedRow)
                        .to(INSERT)
                    .otherwise()
                        .process(this::halves)
                        .split(body()).stopOnException()
                            .to(INSERT_ROWS)
                        .end()
                .end();

        entry("merge", MERGE_STEPS, "BigQuery could not bring the current table of stream %s up to date");
        from(MERGE_STEPS).routeId("bigquery-merge-steps")
                .errorHandler(noErrorHandler())
                .filter(this::mergedThroughUnknown)
                    .process(this::mergedThroughQuery)
                    .to(SQL)
                    .process(this::rememberMergedThrough)
                .end()
                .choice()
                    .when(this::nothingWrittenSinceLastMerge)
                        // the cursor's row says no write went past the last MERGE, and this process made none since:
                        // no query of the history (a quiet run's merge costs no job)
                        .process(this::noMerge)
                    .otherwise()
                        .process(this::newestChangeQuery)
                        .to(SQL)
                        .process(this::mergeRange)
                .end()
                .choice()
                    .when(exchangeProperty(MERGE_THROUGH).isNull())
                        // nothing new to merge; a MERGE earlier in the run may have reached this far before the
                        // stream had its row in _sync_state (a list read whole commits its cursor at the end): its
                        // mark is saved now
                        .filter(this::mergedThroughUnsaved)
                            .process(this::mergedThroughUpdate)
                            .doTry()
                                .to(SQL)
                                .process(this::mergedThroughSaved)
                            .doCatch(Exception.class)
                                .process(this::mergedThroughNotSaved)
                            .end()
                        .end()
                        .setBody(constant(WriteResult.NONE))
                    .endChoice()
                    .otherwise()
                        .process(this::mergeStatement)
                        .doTry()
                            .to(SQL)
                        .doCatch(Exception.class)
                            .process(this::mergeFailed)
                        .end()
                        .process(this::mergeResult)
                        .process(this::mergedThroughUpdate)
                        .doTry()
                            .to(SQL)
                            .process(this::mergedThroughSaved)
                        .doCatch(Exception.class)
                            .process(this::mergedThroughNotSaved)
                        .end()
                        .setBody(variable("mergeResult"))
                .end();

        // rows that carry their insertId in _insert_id (history rows); a _rejected row's insertId is its header
        retrying(from(INSERT).routeId("bigquery-insert"), settings)
                .choice()
                    .when(header(GoogleBigQueryConstants.INSERT_ID).isNull())
                        .to(dataset + "&useAsInsertId=_insert_id")
                    .otherwise()
                        .to(dataset)
                .end();
        // a statement: DDL text, or a statement file whose values are query parameters; its failure named
        from(SQL).routeId("bigquery-sql")
                .errorHandler(noErrorHandler())
                .doTry()
                    .toD("direct:bigquery-sql-${header." + STATEMENT + "}")
                .doCatch(Exception.class)
                    .process(this::statementFailed)
                .end();
        String sql = "google-bigquery-sql:" + settings.projectId() + ":";
        String connection = "?connectionFactory=#" + BigQueryDestination.CONNECTION_FACTORY;
        retrying(from("direct:bigquery-sql-" + DDL).routeId("bigquery-sql-" + DDL), settings)
                .to(sql + "${" + BigQueryDestination.SQL_HEADER + "}" + connection);
        for (String statement : BigQuerySql.STATEMENTS) {
            retrying(from("direct:bigquery-sql-" + statement).routeId("bigquery-sql-" + statement), settings)
                    .to(sql + "classpath:bigquery/" + statement + ".sql" + connection);
        }
        // @formatter:on
    }

    // ---------------------------------------------------------------------------------------------- tables and state

    void datasetDdl(Exchange exchange) {
        exchange.getMessage().setBody(destination.tables().datasetDdl());
    }

    void datasetReady(Exchange exchange) {
        destination.tables().datasetReady();
    }

    void tablesDdl(Exchange exchange) {
        exchange.getMessage().setBody(destination.tables().tablesDdl(table(exchange)));
    }

    void fingerprintSeenIds(Exchange exchange) {
        exchange.setVariable(SEEN_IDS_SHA256,
                SeenIdsChecks.fingerprint(exchange.getVariable("seenIds", SeenIds.class)));
    }

    boolean sameIdsAsLastChecked(Exchange exchange) {
        return destination.seenIdsChecks()
                .sameIdsAsLastChecked(seenIdsStream(exchange),
                        exchange.getVariable(SEEN_IDS_SHA256, String.class));
    }

    void saveSeenIdsStatement(Exchange exchange) {
        sql(exchange,
                destination.sql()
                        .saveSeenIds(seenIdsStream(exchange), exchange.getVariable(SEEN_IDS_SHA256, String.class)),
                "freshdesk_");
    }

    void seenIdsSaved(Exchange exchange) {
        destination.seenIdsChecks()
                .seenIdsChecked(seenIdsStream(exchange), exchange.getVariable(SEEN_IDS_SHA256, String.class));
    }

    private static String seenIdsStream(Exchange exchange) {
        return exchange.getVariable("seenIds", SeenIds.class).table().name();
    }

    /** Harmless: the next complete read checks its rows gone and back again. */
    void seenIdsNotSaved(Exchange exchange) {
        LOG.warnf("%s: the rows gone from its list are marked, but the fingerprint of its ids was not saved (%s); the"
                + " next complete read checks them again", seenIdsStream(exchange),
                BigQueryFailures.abbreviate(String.valueOf(caught(exchange).getMessage())));
    }

    void vanishedCountQuery(Exchange exchange) {
        SeenIds seen = exchange.getVariable("seenIds", SeenIds.class);
        sql(exchange, destination.sql().vanishedCount(seen.table(), seen.joined()), "freshdesk_");
    }

    /** Gone: rows to mark (answered as updated); back: rows to clear (answered as inserted). */
    void vanishedCounted(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        exchange.setVariable("vanished", new WriteResult(count(SelectedRows.single(body, "back")),
                count(SelectedRows.single(body, "gone")), 0));
    }

    boolean anyRowGoneOrBack(Exchange exchange) {
        WriteResult vanished = exchange.getVariable("vanished", WriteResult.class);
        return vanished.inserted() + vanished.updated() > 0;
    }

    private static int count(Object value) {
        return value == null ? 0 : Integer.parseInt(value.toString());
    }

    void markVanishedStatement(Exchange exchange) {
        SeenIds seen = exchange.getVariable("seenIds", SeenIds.class);
        sql(exchange, destination.sql().markVanished(seen.table(), seen.joined()), "freshdesk_");
    }

    /** The DDL of the stream's tables that are missing, then the view's {@code CREATE OR REPLACE VIEW}. */
    void customFieldsDdl(Exchange exchange) {
        CustomFieldsView view = exchange.getVariable("customFieldsView", CustomFieldsView.class);
        List<String> ddl = new ArrayList<>(destination.tables().tablesDdl(view.table()));
        ddl.add(destination.sql().customFieldsView(view));
        exchange.getMessage().setBody(ddl);
    }

    void customFieldsReady(Exchange exchange) {
        destination.tables().tablesReady(exchange.getVariable("customFieldsView", CustomFieldsView.class).table());
    }

    void tablesReady(Exchange exchange) {
        destination.tables().tablesReady(table(exchange));
    }

    /** The split's statement (its body) as the next job. */
    void ddl(Exchange exchange) {
        sql(exchange, exchange.getMessage().getBody(String.class), "freshdesk_");
    }

    void loadStateQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadState(table(exchange).name()), "freshdesk_");
    }

    boolean stateReadAhead(Exchange exchange) {
        return destination.statesReadAhead().has(table(exchange).name());
    }

    void takeStateReadAhead(Exchange exchange) {
        exchange.getMessage().setBody(destination.statesReadAhead().take(table(exchange).name()));
    }

    void loadStatesQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadStates(), "freshdesk_");
    }

    @SuppressWarnings("unchecked")
    void keepStatesReadAhead(Exchange exchange) {
        destination.statesReadAhead().keep(exchange.getProperty(STREAMS, List.class), exchange.getMessage().getBody());
        exchange.getMessage().setBody(null);
    }

    void rememberStateRow(Exchange exchange) {
        String stream = table(exchange).name();
        Object selected = exchange.getMessage().getBody();
        destination.mergeMarks().stateRowRead(stream, selected);
        destination.seenIdsChecks().stateRowRead(stream, selected);
    }

    /** The cursor the {@link BigQuerySql#loadState} SELECT answered; null when the stream has none yet. */
    void toSyncState(Exchange exchange) {
        String stream = table(exchange).name();
        Map<?, ?> row = SelectedRows.firstRow(exchange.getMessage().getBody());
        SyncState state = null;
        if (row != null) {
            Set<String> keys = destination.boundaryKeys().parse(String.valueOf(row.get("boundary_keys")), stream);
            Object runId = row.get("_sync_run_id");
            state = new SyncState(stream, SelectedRows.instant(row.get("cursor")), keys,
                    runId == null ? null : runId.toString());
        }
        exchange.getMessage().setBody(state);
    }

    /** The cursor commit, with how far this process's writes of the stream went ({@link MergeMarks#writing}). */
    void saveStateStatement(Exchange exchange) {
        SyncState state = exchange.getMessage().getBody(SyncState.class);
        sql(exchange, destination.sql()
                .saveState(state.stream(), state.cursor(), destination.boundaryKeys().format(state.boundaryKeys()),
                        state.syncRunId(), destination.mergeMarks().newestWrite(state.stream())),
                "freshdesk_");
    }

    void toRejectedRecordRow(Exchange exchange) {
        RejectedRecord record = exchange.getMessage().getBody(RejectedRecord.class);
        exchange.getMessage().setBody(InsertAllRows.rejectedRow(record));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, BigQuerySql.REJECTED);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.INSERT_ID, "rejected:" + UUID.randomUUID());
    }

    // ---------------------------------------------------------------------------------------------- write

    /** The page's rows as {@code <stream>_changes} rows, all with one {@code _loaded_at}, in insertAll-sized requests. */
    void toInsertRequests(Exchange exchange) {
        StreamTable table = table(exchange);
        List<Row> rows = rows(exchange);
        // BigQuery keeps microseconds: the MERGE's _loaded_at bounds then compare exactly with what was stored
        Instant loadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        exchange.setProperty(REFUSED, new AtomicInteger());
        exchange.setVariable("rowCount", rows.size());
        exchange.setVariable("loadedAt", loadedAt);
        if (!rows.isEmpty()) {
            destination.mergeMarks().writing(table.name(), loadedAt);
        }
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, table.changesTable());
        exchange.getMessage()
                .setBody(InsertAllRows.requests(InsertAllRows.changes(table, rows, loadedAt,
                        exchange.getProperty(Sink.RUN_ID, String.class)), destination.settings()));
    }

    void toInsertAllBody(Exchange exchange) {
        exchange.getMessage()
                .setBody(new ArrayList<>(request(exchange).stream().map(InsertAllRows.Change::json).toList()));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, table(exchange).changesTable());
        exchange.getMessage().removeHeader(GoogleBigQueryConstants.INSERT_ID);
    }

    /** The rows insertAll refused count as rejected (they are in {@code _rejected}); the MERGE counts the others. */
    void writeResult(Exchange exchange) {
        int rows = exchange.getVariable("rowCount", 0, Integer.class);
        int refused = exchange.getProperty(REFUSED, AtomicInteger.class).get();
        destination.mergeMarks()
                .streamed(table(exchange).name(), exchange.getVariable("loadedAt", Instant.class), rows - refused);
        exchange.getMessage().setBody(new WriteResult(0, 0, 0, refused));
    }

    /**
     * BigQuery refused rows of the request for a reason of their own (insertErrors; it then takes none of the
     * request's rows). A transient reason was retried by the insert route already; a lasting one is not the rows'.
     */
    boolean rowsRefused(Exchange exchange) {
        Throwable cause = caught(exchange);
        String message = String.valueOf(cause.getMessage());
        return !(cause instanceof BigQueryException) && message.startsWith("InsertAll into")
                && !BigQueryFailures.transientRowErrors(message);
    }

    boolean oneRow(Exchange exchange) {
        return request(exchange).size() == 1;
    }

    void halves(Exchange exchange) {
        List<InsertAllRows.Change> request = request(exchange);
        int half = request.size() / 2;
        exchange.getMessage().setBody(List.of(request.subList(0, half), request.subList(half, request.size())));
    }

    void toRejectedRow(Exchange exchange) {
        StreamTable table = table(exchange);
        InsertAllRows.Change refused = request(exchange).get(0);
        String reason = String.valueOf(caught(exchange).getMessage());
        LOG.warnf("%s: BigQuery refused row %s; it is kept in _rejected: %s", table.name(), refused.insertId(),
                BigQueryFailures.abbreviate(reason));
        exchange.getProperty(REFUSED, AtomicInteger.class).incrementAndGet();
        exchange.getMessage()
                .setBody(InsertAllRows.rejectedRow(new RejectedRecord(table.name(), null,
                        "BigQuery insertAll into " + table.changesTable() + " refused the row: " + reason,
                        refused.row().recordJson(), exchange.getProperty(Sink.RUN_ID, String.class))));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, BigQuerySql.REJECTED);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.INSERT_ID, "rejected:" + UUID.randomUUID());
    }

    void insertFailed(Exchange exchange) {
        List<InsertAllRows.Change> request = request(exchange);
        Throwable cause = caught(exchange);
        throw new DestinationException("BigQuery insertAll of " + request.size() + " rows into "
                + table(exchange).changesTable() + " failed (ids " + request.get(0).row().id() + ".."
                + request.get(request.size() - 1).row().id() + "): " + cause.getMessage(), cause);
    }

    // ---------------------------------------------------------------------------------------------- MERGE

    boolean mergedThroughUnknown(Exchange exchange) {
        return !destination.mergeMarks().knowsMergedThrough(table(exchange).name());
    }

    void mergedThroughQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadMergedThrough(table(exchange).name()), "freshdesk_");
    }

    void rememberMergedThrough(Exchange exchange) {
        destination.mergeMarks()
                .mergedThroughRead(table(exchange).name(),
                        SelectedRows.instant(SelectedRows.single(exchange.getMessage().getBody(), "merged_through")));
    }

    boolean nothingWrittenSinceLastMerge(Exchange exchange) {
        return destination.mergeMarks().nothingWrittenSinceLastMerge(table(exchange).name());
    }

    void noMerge(Exchange exchange) {
        StreamTable table = table(exchange);
        LOG.debugf("%s: no write since the last MERGE (through %s); no MERGE", table.name(),
                destination.mergeMarks().mergedThrough(table.name()).orElse(null));
        exchange.removeProperty(MERGE_THROUGH);
    }

    void newestChangeQuery(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant from = destination.mergeMarks()
                .mergedThrough(table.name())
                .map(r -> r.minus(BigQuerySettings.MERGE_LOOKBACK))
                .orElse(null);
        exchange.setProperty(MERGE_FROM, from);
        sql(exchange, destination.sql().newestChange(table, from), "freshdesk_");
    }

    /** Through the newest {@code _loaded_at} in the history; nothing newer than the last MERGE reached: no MERGE. */
    void mergeRange(Exchange exchange) {
        StreamTable table = table(exchange);
        Optional<Instant> reached = destination.mergeMarks().mergedThrough(table.name());
        Instant newest = SelectedRows.instant(SelectedRows.single(exchange.getMessage().getBody(), "newest"));
        if (newest == null || reached.isPresent() && !newest.isAfter(reached.get())) {
            LOG.debugf("%s: nothing in %s newer than %s; no MERGE", table.name(), table.changesTable(),
                    reached.orElse(null));
            exchange.removeProperty(MERGE_THROUGH);
        } else {
            exchange.setProperty(MERGE_THROUGH, newest);
        }
    }

    void mergeStatement(Exchange exchange) {
        StreamTable table = table(exchange);
        sql(exchange, destination.sql()
                .merge(table, exchange.getProperty(MERGE_FROM, Instant.class),
                        exchange.getProperty(MERGE_THROUGH, Instant.class)),
                "freshdesk_merge_" + table.name() + "_");
    }

    void mergeFailed(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant from = exchange.getProperty(MERGE_FROM, Instant.class);
        Throwable cause = caught(exchange);
        throw new DestinationException("BigQuery MERGE of " + table.changesTable() + " (rows loaded "
                + (from == null ? "" : "from " + from + " ") + "through " + exchange.getProperty(MERGE_THROUGH)
                + ") into " + table.currentTable() + " failed; the rows stay in " + table.changesTable()
                + " and the next MERGE takes them: " + BigQueryFailures.abbreviate(cause.getMessage()), cause);
    }

    /** What the MERGE did: jobs.get's dmlStats of its (last) job; the rows streamed since the last MERGE it did not change were there already. */
    void mergeResult(Exchange exchange) {
        StreamTable table = table(exchange);
        Object body = exchange.getMessage().getBody();
        long inserted = body instanceof Number n ? n.longValue() : 0;
        long updated = 0;
        DmlStats stats = destination
                .dmlStats(exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, JobId.class));
        if (stats != null && stats.getInsertedRowCount() != null && stats.getUpdatedRowCount() != null) {
            inserted = stats.getInsertedRowCount();
            updated = stats.getUpdatedRowCount();
        }
        Instant through = exchange.getProperty(MERGE_THROUGH, Instant.class);
        destination.mergeMarks().merged(table.name(), through);
        long written = destination.mergeMarks().takeStreamed(table.name(), through);
        exchange.setVariable("mergeResult", new WriteResult((int) inserted, (int) updated,
                (int) Math.max(0, written - inserted - updated)));
    }

    /** Harmless: the next MERGE looks at these rows again. */
    void mergedThroughNotSaved(Exchange exchange) {
        StreamTable table = table(exchange);
        LOG.warnf("%s: the MERGE into %s is done but its mark in _sync_state was not saved (%s); the next MERGE"
                + " reads those rows again", table.name(), table.currentTable(),
                BigQueryFailures.abbreviate(String.valueOf(caught(exchange).getMessage())));
    }

    void mergedThroughUpdate(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant through = exchange.getProperty(MERGE_THROUGH, Instant.class);
        sql(exchange, destination.sql()
                .saveMergedThrough(table.name(),
                        through != null ? through : destination.mergeMarks().mergedThrough(table.name()).orElseThrow()),
                "freshdesk_");
    }

    /** The UPDATE changed no row (the stream has no row in {@code _sync_state} yet): it is saved again later. */
    void mergedThroughSaved(Exchange exchange) {
        Object affected = exchange.getMessage().getBody();
        destination.mergeMarks()
                .mergedThroughSaved(table(exchange).name(), !(affected instanceof Number n) || n.longValue() > 0);
    }

    boolean mergedThroughUnsaved(Exchange exchange) {
        return destination.mergeMarks().mergedThroughUnsaved(table(exchange).name());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * Passes a failure of the sink on to the sync route, as a {@link DestinationException} naming what failed. The
     * retrying route that gave up marked the exchange as exhausted and its failure as handled, and the sync route's error
     * handler would then leave the failure alone (the run would not be recorded as failed): those marks are the retrying
     * route's, so they are cleared.
     */
    void failed(Exchange exchange) {
        Throwable cause = caught(exchange);
        exchange.getExchangeExtension().setRedeliveryExhausted(false);
        exchange.getExchangeExtension().setFailureHandled(false);
        exchange.getExchangeExtension().setErrorHandlerHandled(null);
        String stream = streamOf(exchange);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DestinationException failure && failure.getMessage().contains(stream)) {
                throw failure; // it names the stream and what failed already
            }
        }
        throw new DestinationException(
                String.format(exchange.getProperty(FAILURE, "BigQuery failed for stream %s", String.class),
                        stream) + ": " + BigQueryFailures.abbreviate(String.valueOf(cause.getMessage())),
                cause);
    }

    /** The stream the call was for: its tables, or the rejected record's stream. */
    private static String streamOf(Exchange exchange) {
        if (table(exchange) != null) {
            return table(exchange).name();
        }
        Object body = exchange.getMessage().getBody();
        if (exchange.getProperty(STREAMS) instanceof List<?> streams) {
            return streams.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        }
        if (body instanceof RejectedRecord record) {
            return record.stream();
        }
        return body instanceof java.util.Map<?, ?> row && row.get("stream") != null
                ? row.get("stream").toString()
                : "?";
    }

    /** A statement that failed for good: BigQuery's own error first, then the statement, shortened. */
    void statementFailed(Exchange exchange) {
        Throwable cause = caught(exchange);
        String statement = exchange.getMessage()
                .getHeader(GoogleBigQueryConstants.TRANSLATED_QUERY,
                        exchange.getMessage().getHeader(BigQueryDestination.SQL_HEADER, String.class), String.class);
        throw new DestinationException(BigQueryFailures.failure(statement, cause), cause);
    }

    /** The DDL statement the SQL route runs next, as a job named with the prefix, in the dataset's location. */
    private void sql(Exchange exchange, String ddl, String jobPrefix) {
        exchange.getMessage().setHeader(STATEMENT, DDL);
        exchange.getMessage().setHeader(BigQueryDestination.SQL_HEADER, ddl);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.JOB_ID, destination.jobId(jobPrefix));
    }

    /** The statement file the SQL route runs next, with its names and parameters as headers. */
    private void sql(Exchange exchange, BigQuerySql.Statement statement, String jobPrefix) {
        exchange.getMessage().setHeader(STATEMENT, statement.name());
        statement.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.JOB_ID, destination.jobId(jobPrefix));
    }

    private static StreamTable table(Exchange exchange) {
        return exchange.getProperty(Sink.TABLE, StreamTable.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof List<?> list ? (List<Row>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<InsertAllRows.Change> request(Exchange exchange) {
        return exchange.getProperty(REQUEST, List.class);
    }

    private static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }

    /** The next attempt's job: the same name, a new unique part. */
    static void newJobId(Exchange exchange) {
        JobId job = exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, JobId.class);
        if (job != null) {
            String name = job.getJob();
            exchange.getMessage()
                    .setHeader(GoogleBigQueryConstants.JOB_ID, job.toBuilder()
                            .setJob(name.substring(0, name.lastIndexOf('_') + 1)
                                    + UUID.randomUUID().toString().replace("-", ""))
                            .build());
        }
    }

    private static RouteDefinition retrying(RouteDefinition route, BigQuerySettings settings) {
        // a failure that outlasts the retries is named and logged once, by the sync route
        route.errorHandler(new org.apache.camel.builder.DefaultErrorHandlerBuilder().logExhausted(false));
        route.onException(Exception.class)
                .onWhen(TRANSIENT)
                .maximumRedeliveries(Math.max(0, settings.retryMaxAttempts() - 1))
                .redeliveryDelay(settings.retryInitialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .maximumRedeliveryDelay(settings.retryMaxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)
                // a statement tried again is a new job: BigQuery refuses a job id it has seen
                .onRedelivery(BigQueryRoutes::newJobId)
                .end();
        return route;
    }

    private static final Predicate TRANSIENT = new Predicate() {
        @Override
        public boolean matches(Exchange exchange) {
            Throwable caught = caught(exchange);
            return caught != null && (BigQueryFailures.retryable(caught)
                    || BigQueryFailures.transientRowErrors(String.valueOf(caught.getMessage())));
        }

        @Override
        public String toString() {
            return "transient BigQuery failure";
        }
    };
}
