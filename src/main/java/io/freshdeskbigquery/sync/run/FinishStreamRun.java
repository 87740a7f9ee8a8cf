package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** Closes a run that went to the end: logs what it did and records its success. */
@ApplicationScoped
public class FinishStreamRun implements Processor {

    private static final Logger LOG = Logger.getLogger(FinishStreamRun.class);

    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        String summary = String.format("%d records in %d pages: %d inserted, %d updated, %d already there,"
                + " %d skipped as already loaded, %d rejected; cursor %s; %.1f s", run.totals().records(),
                run.totals().pages(),
                run.totals().written().inserted(), run.totals().written().updated(), run.totals().written().unchanged(),
                run.totals().duplicates(),
                run.totals().rejected(), run.cursor(), run.elapsed().toMillis() / 1000.0);
        LOG.infof("%s: run %s finished: %s", run.streamName(), run.runId(), summary);
        runs.record(run.streamName(), run.runId(), SyncOutcome.Status.SUCCEEDED, summary);
    }
}
