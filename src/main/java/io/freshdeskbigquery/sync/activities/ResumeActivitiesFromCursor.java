package io.freshdeskbigquery.sync.activities;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.sync.cursor.ResumeFromCursor;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.StartStreamRun;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A run of the ticket activity export starts at the first day it has not read: its committed cursor (the start, UTC,
 * of that day), or, never synced, {@code sync.ticket_activities.backfill} days before today ({@link ActivitySettings});
 * it reads the days up to yesterday ({@link ActivityDays}).
 */
@ApplicationScoped
public class ResumeActivitiesFromCursor implements Processor {

    private static final Logger LOG = Logger.getLogger(ResumeActivitiesFromCursor.class);

    @Inject
    SyncStateRepository syncState;
    @Inject
    SyncSettings settings;
    @Inject
    ActivitySettings activities;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        FreshdeskStream stream = settings.stream(exchange.getProperty(StartStreamRun.STREAM_PROPERTY, String.class));
        String runId = exchange.getProperty(Sink.RUN_ID, String.class);
        Instant now = Instant.now();
        Instant firstDay = ActivityDays.startOf(activities.firstDay(now.atZone(ZoneOffset.UTC).toLocalDate()));
        Instant cursor = syncState.begin(stream.streamName(),
                exchange.getVariable(ResumeFromCursor.COMMITTED, SyncState.class), firstDay);
        StreamRun run = new StreamRun(stream, runId, cursor);
        ActivityDays days = new ActivityDays(cursor, now);
        exchange.setProperty(StreamRun.PROPERTY, run);
        exchange.setProperty(PageAsk.PROPERTY, run);
        exchange.setProperty(ActivityDays.PROPERTY, days);
        runs.started(stream.streamName(), runId);
        if (days.hasNext()) {
            LOG.infof("%s: run %s started, cursor %s (the daily exports of %s to %s, oldest first)",
                    stream.streamName(), runId, cursor, days.current(), days.last());
        } else {
            run.position().finished();
            LOG.infof("%s: run %s started, cursor %s: no day is over since (the export of a day is read once it"
                    + " is over, UTC)", stream.streamName(), runId, cursor);
        }
    }
}
