package io.freshdeskbigquery.sync.write;

import java.util.function.IntSupplier;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * True when the run has written as many batches since the current table was last brought up to date as the
 * destination allows ({@code destination.duckdb.merge-every-batches}, {@code bigquery.merge.every-batches}); never for a destination that merges only at the
 * end of a run (interval 0).
 */
public class MergeDue implements Predicate {

    private final IntSupplier everyBatches;

    /** @param everyBatches the destination's interval, asked each time (the destination is made on first use) */
    public MergeDue(IntSupplier everyBatches) {
        this.everyBatches = everyBatches;
    }

    @Override
    public boolean matches(Exchange exchange) {
        int every = everyBatches.getAsInt();
        return every > 0 && RunExchange.run(exchange).totals().batchesSinceMerge() >= every;
    }

    @Override
    public String toString() {
        return "mergeDue";
    }
}
