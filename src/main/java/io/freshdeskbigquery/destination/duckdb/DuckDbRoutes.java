package io.freshdeskbigquery.destination.duckdb;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationType;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The DuckDB sink, when {@code destination.type=duckdb}: one file, one connection ({@link DuckDbDestination}). A batch's
 * rows go through DuckDB's appender into {@code <stream>_changes}, one transaction; the merge endpoint (every
 * {@code destination.duckdb.merge-every-batches} batches and at the end of a run) brings {@code <stream>} up to date
 * from them.
 */
@ApplicationScoped
public class DuckDbRoutes extends RouteBuilder {

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;
    @Inject
    ObjectMapper objectMapper;

    @Override
    public void configure() {
        // @formatter:off
        if (!config.selects(DestinationType.DUCKDB)) {
            return;
        }
        // failures go to the sync route, which records the run as failed
        from(Sink.PREPARE).routeId("duckdb-prepare").errorHandler(noErrorHandler())
                .process(this::createMissingTables);
        from(Sink.LOAD_STATE).routeId("duckdb-load-state").errorHandler(noErrorHandler())
                .process(this::readCursor);
        // sync.check: the file read-only, never the destination bean, which would create the file and its folder
        from(Sink.CHECK_STATE).routeId("duckdb-check-state").errorHandler(noErrorHandler())
                .process(this::checkCursor);
        // a state read from the file costs next to nothing: each run reads its own when it starts
        from(Sink.READ_STATES).routeId("duckdb-read-states").errorHandler(noErrorHandler())
                .setBody(constant((Object) null));
        from(Sink.SAVE_STATE).routeId("duckdb-save-state").errorHandler(noErrorHandler())
                .process(this::commitCursor);
        from(Sink.REJECT).routeId("duckdb-reject").errorHandler(noErrorHandler())
                .process(this::keepRejected);
        from(Sink.WRITE).routeId("duckdb-write").errorHandler(noErrorHandler())
                .process(this::append);
        from(Sink.MERGE).routeId("duckdb-merge").errorHandler(noErrorHandler())
                .process(this::mergeIntoCurrent);
        from(Sink.CUSTOM_FIELDS).routeId("duckdb-custom-fields").errorHandler(noErrorHandler())
                .process(this::customFieldsView);
        from(Sink.MARK_VANISHED).routeId("duckdb-mark-vanished").errorHandler(noErrorHandler())
                .process(this::markVanished);
        // @formatter:on
    }

    void markVanished(Exchange exchange) {
        exchange.getMessage()
                .setBody(duckDb()
                        .markVanished(exchange.getMessage().getBody(SeenIds.class)));
    }

    void customFieldsView(Exchange exchange) {
        duckDb().customFieldsView(exchange.getMessage().getBody(CustomFieldsView.class));
    }

    private DuckDbDestination duckDb() {
        return (DuckDbDestination) destination.get();
    }

    void createMissingTables(Exchange exchange) {
        duckDb().prepare(table(exchange));
    }

    void readCursor(Exchange exchange) {
        exchange.getMessage().setBody(duckDb().loadState(table(exchange).name()).orElse(null));
    }

    void checkCursor(Exchange exchange) {
        exchange.getMessage()
                .setBody(DuckDbDestination.checkState(config.duckdb().path(), new BoundaryKeys(objectMapper),
                        table(exchange).name()));
    }

    void commitCursor(Exchange exchange) {
        duckDb().saveState(exchange.getMessage().getBody(SyncState.class));
    }

    void keepRejected(Exchange exchange) {
        duckDb().reject(exchange.getMessage().getBody(RejectedRecord.class));
    }

    /** The history's new rows into the current table (and versions appended twice dropped), one transaction. */
    void mergeIntoCurrent(Exchange exchange) {
        exchange.getMessage().setBody(duckDb().merge(table(exchange)));
    }

    /** The appender: the batch into the history, one transaction. */
    @SuppressWarnings("unchecked")
    void append(Exchange exchange) {
        List<Row> rows = exchange.getMessage().getBody(List.class);
        exchange.getMessage()
                .setBody(duckDb().write(table(exchange), rows == null ? List.of() : rows,
                        exchange.getProperty(Sink.RUN_ID, String.class)));
    }

    private static StreamTable table(Exchange exchange) {
        return exchange.getProperty(Sink.TABLE, StreamTable.class);
    }
}
