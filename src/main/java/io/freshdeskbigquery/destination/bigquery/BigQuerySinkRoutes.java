package io.freshdeskbigquery.destination.bigquery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationType;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;

/** {@link BigQueryRoutes} as the application's sink, when {@code destination.type=bigquery}. */
@ApplicationScoped
public class BigQuerySinkRoutes extends BigQueryRoutes {

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;

    @Override
    public void configure() throws Exception {
        if (!config.selects(DestinationType.BIGQUERY)) {
            return;
        }
        use((BigQueryDestination) destination.get(), Sink.PREFIX);
        super.configure();
        // sync.check: the cursor as a run reads it (which, as a run's, creates the dataset and its own tables when missing)
        from(Sink.CHECK_STATE).routeId("bigquery-check-state")
                .errorHandler(noErrorHandler())
                .to(Sink.LOAD_STATE)
                .process(exchange -> exchange.getMessage()
                        .setBody(
                                StateCheck.read(exchange.getMessage().getBody(SyncState.class))));
    }
}
