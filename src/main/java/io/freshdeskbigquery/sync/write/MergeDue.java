package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * True when the run has written as many batches since the current table was last brought up to date as the
 * destination allows ({@code destination.duckdb.merge-every-batches}, {@code bigquery.merge.every-batches}); never for
 * a destination that merges only at the end of a run (interval 0).
 */
@ApplicationScoped
public class MergeDue implements Predicate {

    /** The destination of {@code destination.type}, whose interval is asked each time (it is made on first use). */
    @Inject
    Instance<Destination> destination;

    @Override
    public boolean matches(Exchange exchange) {
        int every = destination.get().mergeEveryBatches();
        return every > 0 && RunExchange.run(exchange).totals().batchesSinceMerge() >= every;
    }

    @Override
    public String toString() {
        return "mergeDue";
    }
}
