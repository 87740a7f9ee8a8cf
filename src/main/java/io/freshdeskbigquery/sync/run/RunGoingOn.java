package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** A run of the exchange's stream ({@value StartStreamRun#STREAM_PROPERTY}) has started and not ended yet. */
@ApplicationScoped
public class RunGoingOn implements Predicate {

    @Inject
    SyncRuns runs;

    @Override
    public boolean matches(Exchange exchange) {
        return runs.running().containsKey(exchange.getProperty(StartStreamRun.STREAM_PROPERTY, String.class));
    }

    @Override
    public String toString() {
        return "runGoingOn";
    }
}
