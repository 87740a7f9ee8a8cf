package io.freshdeskbigquery.destination.bigquery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;

/**
 * Test only, with {@code destination.type=switchable} ({@link DestinationParityTest}): the sink endpoints lead to the
 * destination the {@link SwitchableDestination} uses at the time: DuckDB's write, or the real BigQuery routes.
 */
@ApplicationScoped
public class SwitchableSinkRoutes extends BigQueryRoutes {

    public static final String TYPE = "switchable";

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;

    @Override
    public void configure() {
        if (!config.selects(TYPE)) {
            return;
        }
        SwitchableDestination both = (SwitchableDestination) destination.get();
        use(both.bigQuery(), "direct:bigquery-write", "direct:bigquery-merge");
        super.configure();
        from(Sink.WRITE).routeId("switchable-write")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(exchange -> both.usesDuckDb())
                        .process(exchange -> duckDbWrite(both, exchange))
                    .otherwise()
                        .to("direct:bigquery-write");
        from(Sink.MERGE).routeId("switchable-merge")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(exchange -> both.usesDuckDb())
                        .setBody(constant(WriteResult.NONE))
                    .otherwise()
                        .to("direct:bigquery-merge");
    }

    @SuppressWarnings("unchecked")
    private static void duckDbWrite(SwitchableDestination both, Exchange exchange) {
        exchange.getMessage().setBody(both.duckDb().write(exchange.getProperty(Sink.TABLE, StreamTable.class),
                exchange.getMessage().getBody(List.class), exchange.getProperty(Sink.RUN_ID, String.class)));
    }
}
