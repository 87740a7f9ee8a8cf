package io.freshdeskbigquery.sync.wholelist;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** True in a run of a list read whole (companies, the team, time entries, the settings). */
public class ReadsWholeList implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return RunExchange.run(exchange).stream().readWhole();
    }
}
