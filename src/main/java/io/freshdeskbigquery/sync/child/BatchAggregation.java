package io.freshdeskbigquery.sync.child;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers what a split of a page made into one list, in page order: the rows of a batch ({@code Row}), or the parents
 * whose child lists are to be read ({@code ChildPages.Parent}). Records the split dropped (already loaded, or
 * unchanged) reach here without having become one and are left out.
 */
public class BatchAggregation implements AggregationStrategy {

    private final Class<?> kept;

    /** @param kept the type of the bodies to gather */
    public BatchAggregation(Class<?> kept) {
        this.kept = kept;
    }

    @Override
    public Exchange aggregate(Exchange batch, Exchange record) {
        Object body = record.getMessage().getBody();
        if (batch == null) {
            batch = record;
            // the first record may have been dropped as a duplicate: its "stop" must not end the page's route
            batch.setRouteStop(false);
            batch.getMessage().setBody(new ArrayList<>());
        }
        @SuppressWarnings("unchecked")
        List<Object> gathered = batch.getMessage().getBody(List.class);
        if (kept.isInstance(body)) {
            gathered.add(body);
        }
        return batch;
    }
}
