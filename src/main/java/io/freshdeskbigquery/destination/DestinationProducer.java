package io.freshdeskbigquery.destination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
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
    Destination destination(DestinationConfig config, jakarta.enterprise.inject.Instance<BigQueryDestinations> bigQuery,
            ObjectMapper objectMapper) {
        Destination destination;
        if (config.selects("duckdb")) {
            destination = new DuckDbDestination(config.duckdb(), new BoundaryKeys(objectMapper));
        } else if (config.selects("bigquery")) {
            destination = bigQuery.get().create();
        } else {
            throw unknownType(config);
        }
        LOG.infof("Destination: %s", destination.describe());
        return destination;
    }

    /** {@code destination.type}: one of {@link #TYPES}; checked at start-up, before any route is built. */
    public static void checkType(DestinationConfig config) {
        if (TYPES.stream().noneMatch(config::selects)) {
            throw unknownType(config);
        }
    }

    /** The destinations {@code destination.type} may name. */
    static final java.util.List<String> TYPES = java.util.List.of("duckdb", "bigquery");

    private static IllegalArgumentException unknownType(DestinationConfig config) {
        return new IllegalArgumentException("destination.type '" + config.type() + "' is not one of "
                + String.join(", ", TYPES));
    }

    void close(@Disposes Destination destination) throws Exception {
        if (destination instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
