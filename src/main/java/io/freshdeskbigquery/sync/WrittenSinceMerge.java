package io.freshdeskbigquery.sync;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * A run that ends in failure wrote batches since the current table was last brought up to date: a merge would bring
 * what it wrote into the current table (also when a later write failed: the batches before it are written).
 */
public class WrittenSinceMerge implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        return run != null && run.totals().batchesSinceMerge() > 0;
    }

    @Override
    public String toString() {
        return "writtenSinceMerge";
    }
}
