package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.freshdesk.ActivityExportRoutes;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.activities.ActivitiesRunFinished;
import io.freshdeskbigquery.sync.activities.ActivityDayRead;
import io.freshdeskbigquery.sync.activities.ActivityDays;
import io.freshdeskbigquery.sync.activities.ActivityRows;
import io.freshdeskbigquery.sync.activities.AskNextDay;
import io.freshdeskbigquery.sync.activities.DayActivities;
import io.freshdeskbigquery.sync.activities.ExportNotReady;
import io.freshdeskbigquery.sync.activities.GatherActivityRows;
import io.freshdeskbigquery.sync.activities.ResumeActivitiesFromCursor;
import io.freshdeskbigquery.sync.cursor.ResumeFromCursor;
import io.freshdeskbigquery.sync.run.CountRetry;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StartStreamRun;
import io.freshdeskbigquery.sync.run.StopRun;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.sync.write.GatherRows;
import io.freshdeskbigquery.sync.write.HandOverBatch;
import io.freshdeskbigquery.sync.write.MergeBehind;
import io.freshdeskbigquery.sync.write.RaiseWriteFailure;
import io.freshdeskbigquery.sync.write.WriteBehind;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The route of a stream read from a daily export (ticket activities), in place of the paging template
 * ({@link StreamSyncRoutes}, which still gives it its writer, its merges and its trigger). Its cursor is a day: the
 * start (UTC) of the first day it has not read.
 *
 * <pre>
 * direct:sync-ticket_activities
 *   start the run: direct:sink-prepare, direct:sink-load-state; the days from the cursor's to yesterday (UTC)
 *   loop while a day is left (and no write failed)
 *     the day's export: direct:freshdesk-activity-export (the export's answer, then each file behind its links; a
 *       retry asks for the whole day again)
 *     not there: within sync.ticket_activities.export-delay of the day's end, the run stops here (the cursor stays at
 *       the day; the next run asks again); later, the day is skipped with a warning
 *     there: the day's activities, a chunk of sync.write.batch-rows rows at a time (split, streaming): those set apart
 *       to direct:sink-reject, the rows gathered into the batch, a full batch to the stream's writer
 *       (seda:write-&lt;stream&gt;, as the template's); then the day is read: the cursor may pass it once its rows are
 *       written (CommitCursor, on the writer's thread)
 *   write what was read (the last batch, with its cursor), merge, and (re)make the view of the time each ticket spent
 *   in each status (direct:sink-status-durations); finish the run
 * failures: the template's policies (StreamErrorPolicies): 5xx, timeouts, a file cut off retried; 401/403 skip the
 *   stream with a warning saying why; what was read is written and merged first
 * </pre>
 */
@ApplicationScoped
public class TicketActivitiesRoutes extends RouteBuilder {

    @Inject
    SyncSettings settings;
    @Inject
    StreamErrorPolicies errorPolicies;

    // the routes' steps, injected: found by their type (find usages, renames), not by a name
    @Inject
    StartStreamRun startStreamRun;
    @Inject
    ResumeActivitiesFromCursor resumeActivitiesFromCursor;
    @Inject
    AskNextDay askNextDay;
    @Inject
    ExportNotReady exportNotReady;
    @Inject
    DayActivities dayActivities;
    @Inject
    GatherActivityRows gatherActivityRows;
    @Inject
    HandOverBatch handOverBatch;
    @Inject
    ActivityDayRead activityDayRead;
    @Inject
    StopRun stopRun;
    @Inject
    RaiseWriteFailure raiseWriteFailure;
    @Inject
    ActivitiesRunFinished activitiesRunFinished;

    @Override
    public void configure() {
        // @formatter:off
        for (FreshdeskStream stream : settings.streams()) {
            if (!stream.dailyExport()) {
                continue;
            }
            String name = stream.streamName();
            RouteDefinition route = from("direct:sync-" + name);
            errorPolicies.addTo(route)
                    .routeId("sync-" + name)
                    .setProperty(StartStreamRun.STREAM_PROPERTY, constant(name))
                    .process(startStreamRun)
                    .to(Sink.PREPARE)
                    .toV(Sink.LOAD_STATE, null, ResumeFromCursor.COMMITTED)
                    .process(resumeActivitiesFromCursor)
                    .loopDoWhile(RunExchange::runGoesOn).breakOnShutdown()
                        // a new day: its retries are counted from zero (a redelivery asks for the day again)
                        .removeHeaders("CamelRedeliver*")
                        .removeProperty(CountRetry.PAGE_RETRIES)
                        .process(askNextDay)
                        .to(ActivityExportRoutes.DAY)
                        .choice()
                            .when(TicketActivitiesRoutes::dayNotReady)
                                .process(exportNotReady)
                            .otherwise()
                                .process(dayActivities)
                                .split(body()).streaming().stopOnException()
                                    .filter(TicketActivitiesRoutes::anyRejected)
                                        .split(simple("${body.rejected}")).stopOnException()
                                            .to(Sink.REJECT)
                                        .end()
                                    .end()
                                    .process(gatherActivityRows)
                                    .filter(exchangeProperty(GatherRows.DUE))
                                        .process(handOverBatch)
                                        .to(WriteBehind.queue(name) + "&waitForTaskToComplete=Never")
                                    .end()
                                .end()
                                .process(activityDayRead)
                            .endChoice()
                        .end()
                        .filter(TicketActivitiesRoutes::lastDayRead)
                            .process(exchange -> RunExchange.run(exchange).position().finished())
                        .end()
                    .end()
                    // the loop broke off with days left: the application stops (breakOnShutdown); so does the run
                    .filter(RunExchange::runGoesOn)
                        .process(stopRun)
                    .end()
                    // the run's last batch, with the cursor of the last day read whole; a write that failed fails the run
                    .to(WriteBehind.WRITE_WHAT_WAS_READ)
                    .process(raiseWriteFailure)
                    .to(MergeBehind.MERGE_AND_WAIT)
                    // the time each ticket spent in each status, over the activities
                    .to(Sink.STATUS_DURATIONS)
                    .process(activitiesRunFinished);
        }
        // @formatter:on
    }

    /** The day's export is not there (yet): {@link ExportNotReady} decides whether the run waits for it. */
    static boolean dayNotReady(Exchange exchange) {
        return !exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class).ready();
    }

    /** Whether the chunk of a day's activities set some apart (for {@code _rejected}). */
    static boolean anyRejected(Exchange exchange) {
        return !exchange.getMessage().getBody(ActivityRows.Chunk.class).rejected().isEmpty();
    }

    /** The run goes on, but the day just read was the last one over (yesterday): the run is done. */
    static boolean lastDayRead(Exchange exchange) {
        return RunExchange.runGoesOn(exchange)
                && !exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class).hasNext();
    }
}
