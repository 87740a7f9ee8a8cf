package io.freshdeskbigquery.sync.activities;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A day whose export is not there. Within {@code sync.ticket_activities.export-delay} after the day's end, Freshdesk
 * may still be making it (it makes a day's export once the day is over in the account's time zone): the run stops
 * here, its cursor stays at this day, and the next run asks again. Later than that it will not come (the export was not
 * enabled that day, or Freshdesk no longer keeps it: 30 days): the day is skipped with a warning, and the cursor may
 * pass it.
 */
@ApplicationScoped
public class ExportNotReady implements Processor {

    private static final Logger LOG = Logger.getLogger(ExportNotReady.class);

    @Inject
    ActivitySettings settings;
    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        ActivityDays days = exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class);
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        if (days.missingTooLong(settings.exportDelay(), Instant.now())) {
            LOG.warnf("%s: no export of %s (Freshdesk answered %s), more than %s after the day ended"
                    + " (sync.ticket_activities.export-delay): skipped. Freshdesk keeps a day's export 30 days, and"
                    + " makes none while the scheduled activity export is off", run.streamName(), day.day(),
                    day.answer(), settings.exportDelay().toString().substring(2).toLowerCase(Locale.ROOT));
            Instant next = days.dayDone(true);
            run.pendingBatch().readThroughState(syncState.snapshot(run.streamName(), next, run.runId()));
            return;
        }
        LOG.infof("%s: the export of %s is not ready yet (Freshdesk answered %s): the run stops here, the next"
                + " run asks again", run.streamName(), day.day(), day.answer());
        days.stopAt(day.answer());
        run.position().finished();
    }
}
