package io.freshdeskbigquery.destination.bigquery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Test only, with {@code destination.type=switchable} ({@link DestinationParityTest}): each sink endpoint leads to the
 * destination the {@link SwitchableDestination} uses at the time: DuckDB, or the real BigQuery routes (whose entry
 * points are {@value #BIGQUERY}{@code -<what>} here).
 */
@ApplicationScoped
public class SwitchableSinkRoutes extends BigQueryRoutes {

    public static final String TYPE = "switchable";
    public static final String BIGQUERY = "direct:bigquery-sink";

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;

    @Override
    public void configure() throws Exception {
        if (!config.type().trim().equalsIgnoreCase(TYPE)) {
            return;
        }
        SwitchableDestination both = (SwitchableDestination) destination.get();
        use(both.bigQuery(), BIGQUERY);
        super.configure();
        DuckDbDestination duckDb = both.duckDb();
        switchable(both, "prepare", exchange -> duckDb.prepare(table(exchange)));
        switchable(both, "load-state", exchange -> exchange.getMessage()
                .setBody(
                        duckDb.loadState(table(exchange).name()).orElse(null)));
        switchable(both, "read-states", exchange -> exchange.getMessage().setBody(null));
        switchable(both, "save-state", exchange -> duckDb.saveState(exchange.getMessage().getBody(SyncState.class)));
        switchable(both, "reject", exchange -> duckDb.reject(exchange.getMessage().getBody(RejectedRecord.class)));
        switchable(both, "write", exchange -> exchange.getMessage()
                .setBody(duckDb.write(table(exchange),
                        exchange.getMessage().getBody(List.class), exchange.getProperty(Sink.RUN_ID, String.class))));
        switchable(both, "merge", exchange -> exchange.getMessage().setBody(duckDb.merge(table(exchange))));
        switchable(both, "mark-vanished", exchange -> exchange.getMessage()
                .setBody(duckDb.markVanished(
                        exchange.getMessage().getBody(SeenIds.class))));
        switchable(both, "custom-fields", exchange -> duckDb.customFieldsView(
                exchange.getMessage().getBody(CustomFieldsView.class)));
    }

    private void switchable(SwitchableDestination both, String what, Processor duckDb) {
        from(Sink.PREFIX + "-" + what).routeId("switchable-" + what)
                .errorHandler(noErrorHandler())
                .choice()
                .when(exchange -> both.usesDuckDb())
                .process(duckDb)
                .otherwise()
                .to(BIGQUERY + "-" + what);
    }

    private static StreamTable table(Exchange exchange) {
        return exchange.getProperty(Sink.TABLE, StreamTable.class);
    }
}
