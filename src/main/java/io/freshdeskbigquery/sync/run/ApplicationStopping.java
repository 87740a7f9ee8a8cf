package io.freshdeskbigquery.sync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** The application is stopping: Camel's context is shutting down (a signal, {@code q} in dev mode). */
public class ApplicationStopping implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getContext().isStopping();
    }

    @Override
    public String toString() {
        return "applicationStopping";
    }
}
