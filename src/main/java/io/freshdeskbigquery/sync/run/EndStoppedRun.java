package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Ends a run the application's shutdown stopped (a signal, {@code q} in dev mode), once what it read was written and
 * merged: one line saying so, with the cursor the next run resumes from, and the run recorded as stopped (not finished,
 * not failed).
 */
@ApplicationScoped
public class EndStoppedRun implements Processor {

    private static final Logger LOG = Logger.getLogger(EndStoppedRun.class);

    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        String message = String.format(
                "stopped by the application's shutdown after %d pages (%d records); the cursor stays"
                        + " at %s, where the next run resumes",
                run.totals().pages(), run.totals().records(), run.cursor());
        LOG.warnf("%s: run %s %s", run.streamName(), run.runId(), message);
        runs.record(run.streamName(), run.runId(), SyncOutcome.Status.STOPPED, message);
    }
}
