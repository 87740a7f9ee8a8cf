package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Ends a run Freshdesk refused with 403 or 404: the API key's agent may not read this stream, or the plan
 * lacks the feature. The stream is skipped with a warning; the other streams carry on.
 */
@ApplicationScoped
public class EndSkippedRun implements Processor {

    private static final Logger LOG = Logger.getLogger(EndSkippedRun.class);

    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        String message = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class).getMessage()
                + "; stream skipped";
        LOG.warnf("%s: %s. Remove it from sync.streams to silence this warning.", run.streamName(), message);
        runs.record(run.streamName(), run.runId(), SyncOutcome.Status.SKIPPED, message);
    }
}
