package io.freshdeskbigquery.destination.bigquery;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.freshdeskbigquery.destination.SyncState;
import org.apache.camel.Exchange;

/**
 * The cursors, in {@code _sync_state} (made first when missing: direct:bigquery-dataset):
 *
 * <pre>
 * -read-states (sync.once, before its runs) SELECT every stream's row of _sync_state in one job → direct:bigquery-sql
 * -load-state  the stream's row as -read-states read it (taken once), else SELECT the stream's row of _sync_state
 *              (the cursor, and how far the last MERGE reached)           → direct:bigquery-sql
 *              what the row says besides the cursor is remembered: how far the last MERGE reached and the writes
 *              went ({@link MergeMarks}), the fingerprint of the ids last checked ({@link SeenIdsChecks})
 * -save-state  MERGE the stream's cursor and boundary keys into _sync_state, with written_through (the newest
 *              _loaded_at this process has streamed for the stream)        → direct:bigquery-sql
 * </pre>
 */
final class BigQueryStateRoutes extends SinkRouteBuilder {

    BigQueryStateRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
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

        entry("save-state", "direct:bigquery-save-state-steps", "Cannot commit the cursor of stream %s to BigQuery");
        from("direct:bigquery-save-state-steps").routeId("bigquery-save-state-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::saveStateStatement)
                .to(SQL);
        // @formatter:on
    }

    void loadStatesQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadStates(), "freshdesk_");
    }

    @SuppressWarnings("unchecked")
    void keepStatesReadAhead(Exchange exchange) {
        destination.statesReadAhead().keep(exchange.getProperty(STREAMS, List.class), exchange.getMessage().getBody());
        exchange.getMessage().setBody(null);
    }

    boolean stateReadAhead(Exchange exchange) {
        return destination.statesReadAhead().has(table(exchange).name());
    }

    void takeStateReadAhead(Exchange exchange) {
        exchange.getMessage().setBody(destination.statesReadAhead().take(table(exchange).name()));
    }

    void loadStateQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadState(table(exchange).name()), "freshdesk_");
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
}
