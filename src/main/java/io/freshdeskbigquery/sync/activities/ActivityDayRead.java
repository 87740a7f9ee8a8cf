package io.freshdeskbigquery.sync.activities;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.SyncMetrics;
import io.freshdeskbigquery.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A day read to its end: counted (a day is a page of the run) and logged, and the cursor may pass it once its rows are
 * written, the batch that holds its last rows carries the start of the next day.
 */
@ApplicationScoped
public class ActivityDayRead implements Processor {

    private static final Logger LOG = Logger.getLogger(ActivityDayRead.class);

    @Inject
    SyncStateRepository syncState;
    @Inject
    SyncRuns runs;
    @Inject
    SyncMetrics metrics;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        ActivityDays days = exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class);
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        run.pageRead(days.activities() - days.rejected(), 0, days.rejected(), days.newest());
        Instant next = days.dayDone(false);
        run.pendingBatch().readThroughState(syncState.snapshot(run.streamName(), next, run.runId()));
        runs.activity(run.streamName());
        metrics.page(run.streamName(), days.activities());
        LOG.infof("%s: %s: %s (%d rejected) from %d %s; %s in %d %s so far; the cursor moves to %s once they are"
                + " written", run.streamName(), day.day(), ActivitiesRunFinished.activities(days.activities()),
                days.rejected(), day.files().size(), day.files().size() == 1 ? "file" : "files",
                ActivitiesRunFinished.activities(run.totals().records() + run.totals().rejected()), days.daysRead(),
                days.daysRead() == 1 ? "day" : "days", next);
    }
}
