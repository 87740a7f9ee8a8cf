package io.freshdeskbigquery.sync;

import java.util.ArrayList;
import java.util.List;

import io.freshdeskbigquery.freshdesk.ChildPages;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the parents of a split page whose child lists are to be read (a {@code List<ChildPages.Parent>}, in page
 * order). Parents the split dropped (unchanged, or already done) reach here as records and are left out.
 */
public class ChangedParents implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batch, Exchange record) {
        Object body = record.getMessage().getBody();
        if (batch == null) {
            batch = record;
            // the first parent may have been dropped as done: its "stop" must not end the page's route
            batch.setRouteStop(false);
            batch.getMessage().setBody(new ArrayList<ChildPages.Parent>());
        }
        @SuppressWarnings("unchecked")
        List<ChildPages.Parent> parents = batch.getMessage().getBody(List.class);
        if (body instanceof ChildPages.Parent parent) {
            parents.add(parent);
        }
        return batch;
    }
}
