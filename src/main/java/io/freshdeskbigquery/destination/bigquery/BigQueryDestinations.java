package io.freshdeskbigquery.destination.bigquery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import org.apache.camel.CamelContext;

/** Makes the BigQuery destination from the {@code bigquery.*} keys; used when {@code destination.type=bigquery}. */
@ApplicationScoped
public class BigQueryDestinations {

    @Inject
    BigQueryConfig config;
    @Inject
    CamelContext camel;
    @Inject
    ObjectMapper objectMapper;

    public BigQueryDestination create() {
        BigQuerySettings settings = BigQuerySettings.from(config);
        return new BigQueryDestination(settings, BigQueryClients.client(settings), camel,
                new BoundaryKeys(objectMapper));
    }
}
