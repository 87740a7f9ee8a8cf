package io.freshdeskbigquery.sync.write;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** No earlier batch of the run failed to be written: this one may be written (and its cursor committed). */
public class WritesGoOn implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return RunExchange.run(exchange).writeFailure() == null;
    }

    @Override
    public String toString() {
        return "writesGoOn";
    }
}
