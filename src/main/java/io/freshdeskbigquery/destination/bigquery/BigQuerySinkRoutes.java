package io.freshdeskbigquery.destination.bigquery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.Sink;

/** {@link BigQueryRoutes} as the application's sink, when {@code destination.type=bigquery}. */
@ApplicationScoped
public class BigQuerySinkRoutes extends BigQueryRoutes {

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;

    @Override
    public void configure() {
        if (!config.selects("bigquery")) {
            return;
        }
        use((BigQueryDestination) destination.get(), Sink.PREFIX);
        super.configure();
    }
}
