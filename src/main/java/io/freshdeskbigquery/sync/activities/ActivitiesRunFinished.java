package io.freshdeskbigquery.sync.activities;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** Closes a run of the ticket activity export that went to its end: logs what it read and records its success. */
@ApplicationScoped
public class ActivitiesRunFinished implements Processor {

    private static final Logger LOG = Logger.getLogger(ActivitiesRunFinished.class);

    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        ActivityDays days = exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class);
        String summary = String.format("%s from %s%s: %d inserted, %d updated, %d already"
                + " there, %d rejected; cursor %s%s; %.1f s", activities(run.totals().records()),
                days.daysRead() == 1 ? "1 day's export" : days.daysRead() + " days' exports",
                days.daysSkipped() == 0
                        ? ""
                        : " (" + days.daysSkipped() + (days.daysSkipped() == 1 ? " day" : " days")
                                + " without an export skipped)",
                run.totals().written().inserted(), run.totals().written().updated(),
                run.totals().written().unchanged(), run.totals().rejected(), run.cursor(),
                days.stoppedAt() == null
                        ? ""
                        : "; the export of " + days.stoppedAt() + " is not ready yet (" + days.stoppedBecause()
                                + "): the next run asks again",
                run.elapsed().toMillis() / 1000.0);
        LOG.infof("%s: run %s finished: %s", run.streamName(), run.runId(), summary);
        runs.record(run.streamName(), run.runId(), SyncOutcome.Status.SUCCEEDED, summary);
    }

    /** {@code 1 activity}, {@code 3 activities}. */
    static String activities(long count) {
        return count == 1 ? "1 activity" : count + " activities";
    }
}
