package io.freshdeskbigquery.destination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.bigquery.BigQueryDestinations;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import org.jboss.logging.Logger;

/** Picks the destination named by {@code destination.type}. */
@ApplicationScoped
public class DestinationProducer {

    private static final Logger LOG = Logger.getLogger(DestinationProducer.class);

    @Produces
    @Singleton
    Destination destination(DestinationConfig config, Instance<BigQueryDestinations> bigQuery,
            ObjectMapper objectMapper) {
        Destination destination = switch (config.selected().orElseThrow(() -> unknownType(config))) {
            case DUCKDB -> new DuckDbDestination(config.duckdb(), new BoundaryKeys(objectMapper));
            case BIGQUERY -> bigQuery.get().create();
        };
        LOG.infof("Destination: %s", destination.describe());
        return destination;
    }

    /** {@code destination.type}: one of {@link DestinationType}; checked at start-up, before any route is built. */
    public static void checkType(DestinationConfig config) {
        config.selected().orElseThrow(() -> unknownType(config));
    }

    private static IllegalArgumentException unknownType(DestinationConfig config) {
        return new IllegalArgumentException("destination.type '" + config.type() + "' is not one of "
                + DestinationType.keys());
    }

    void close(@Disposes Destination destination) throws Exception {
        if (destination instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
