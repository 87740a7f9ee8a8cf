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
            throw new IllegalStateException("Unknown destination.type '" + config.type() + "': use duckdb or bigquery");
        }
        LOG.infof("Destination: %s", destination.describe());
        return destination;
    }

    void close(@Disposes Destination destination) throws Exception {
        if (destination instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
