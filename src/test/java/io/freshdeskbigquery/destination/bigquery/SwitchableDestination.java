package io.freshdeskbigquery.destination.bigquery;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;

/**
 * Test only: the application's {@link Destination} is either the DuckDB file or the (fake) BigQuery dataset,
 * switched by the test between runs, so that one application can sync the same Freshdesk data through the real
 * routes into both. Every call goes whole to the destination in use (cursor, boundary keys and rows alike):
 * the two syncs share nothing. The rows go the same way ({@link SwitchableSinkRoutes}). Not enabled unless a test
 * profile selects it ({@link DestinationParityTest}).
 */
@Alternative
@Singleton
public class SwitchableDestination implements Destination {

    @Inject
    BigQueryDestinations bigQueryDestinations;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    DestinationConfig destinationConfig;

    private DuckDbDestination duckDb;
    private BigQueryDestination bigQuery;
    private volatile Destination target;

    @PostConstruct
    void open() {
        duckDb = new DuckDbDestination(destinationConfig.duckdb(),
                new BoundaryKeys(objectMapper));
        bigQuery = bigQueryDestinations.create();
        target = duckDb;
    }

    @PreDestroy
    void close() {
        duckDb.close();
    }

    public DuckDbDestination duckDb() {
        return duckDb;
    }

    public BigQueryDestination bigQuery() {
        return bigQuery;
    }

    public void useDuckDb() {
        target = duckDb;
    }

    public void useBigQuery() {
        target = bigQuery;
    }

    public boolean usesDuckDb() {
        return target == duckDb;
    }

    @Override
    public String describe() {
        return "switchable:" + target.describe();
    }

    @Override
    public int mergeEveryBatches() {
        return target.mergeEveryBatches();
    }

    @Override
    public List<String> reservedColumnPrefixes() {
        return target.reservedColumnPrefixes();
    }
}
