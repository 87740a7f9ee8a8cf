package io.freshdeskbigquery.sync.child;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** True in a run of a child stream (conversations): its pages list parents, whose child lists hold the records. */
public class ChildStream implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return RunExchange.run(exchange).stream().parent().isPresent();
    }
}
