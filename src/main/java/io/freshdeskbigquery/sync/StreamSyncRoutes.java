package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.app.LeaderElection;
import io.freshdeskbigquery.app.ScheduleStarter;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskRoutes;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageIsolation;
import io.freshdeskbigquery.freshdesk.PageParser;
import io.freshdeskbigquery.sync.child.BatchAggregation;
import io.freshdeskbigquery.sync.child.CollectChildRecords;
import io.freshdeskbigquery.sync.child.KeepChangedParent;
import io.freshdeskbigquery.sync.child.ReadChildPages;
import io.freshdeskbigquery.sync.child.TakeChildPage;
import io.freshdeskbigquery.sync.cursor.CommitCursor;
import io.freshdeskbigquery.sync.cursor.NoteCursorSaved;
import io.freshdeskbigquery.sync.cursor.RecordKey;
import io.freshdeskbigquery.sync.cursor.ResumeFromCursor;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.page.CapCursorAtClock;
import io.freshdeskbigquery.sync.page.CountPageRecords;
import io.freshdeskbigquery.sync.page.LogPageProgress;
import io.freshdeskbigquery.sync.page.MapPageToRows;
import io.freshdeskbigquery.sync.page.PlanNextPage;
import io.freshdeskbigquery.sync.page.RejectBadRecords;
import io.freshdeskbigquery.sync.page.RowMapper;
import io.freshdeskbigquery.sync.run.CountRetry;
import io.freshdeskbigquery.sync.run.FinishStreamRun;
import io.freshdeskbigquery.sync.run.FireSkipped;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.RunGoingOn;
import io.freshdeskbigquery.sync.run.StartStreamRun;
import io.freshdeskbigquery.sync.run.StopRun;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.WriteBatch;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.sync.wholelist.KeepCustomFields;
import io.freshdeskbigquery.sync.wholelist.KeepIdsSeen;
import io.freshdeskbigquery.sync.wholelist.ListSeenIds;
import io.freshdeskbigquery.sync.wholelist.LogVanishedRowsMarked;
import io.freshdeskbigquery.sync.wholelist.MakeCustomFieldsView;
import io.freshdeskbigquery.sync.wholelist.ReadWasComplete;
import io.freshdeskbigquery.sync.write.CountMergedRows;
import io.freshdeskbigquery.sync.write.CountWrittenRows;
import io.freshdeskbigquery.sync.write.GatherRows;
import io.freshdeskbigquery.sync.write.HandOverBatch;
import io.freshdeskbigquery.sync.write.HandleMergeFailure;
import io.freshdeskbigquery.sync.write.LogFailedMergeAfterFailure;
import io.freshdeskbigquery.sync.write.MergeBehind;
import io.freshdeskbigquery.sync.write.MergeDue;
import io.freshdeskbigquery.sync.write.NoteWriteFailure;
import io.freshdeskbigquery.sync.write.RaiseWriteFailure;
import io.freshdeskbigquery.sync.write.StartMerge;
import io.freshdeskbigquery.sync.write.WriteBehind;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The sync, one route per stream, all made from the {@value #TEMPLATE} template:
 *
 * <pre>
 * quartz (cron; master:quartz in the elected leader only) or, with sync.once, ScheduleStarter  →  direct:sync-&lt;stream&gt;
 *   start the run: direct:sink-prepare (tables created when missing), direct:sink-load-state (the committed cursor)
 *   loop while the stream has more pages (and no write of the run failed)
 *     fetch the page (direct:freshdesk-page)
 *     keep bad records: each to direct:sink-reject (_rejected)
 *     the page's records → drop those unchanged or already loaded (idempotent repository) → rows (MapPageToRows);
 *       a child stream (conversations) instead: the page's changed parents (tickets), not yet done, have their child
 *       lists read page by page (a loop over direct:freshdesk-page), and the child records become the rows
 *     count and log the page, plan the next request (keyset)
 *     gather the rows into a batch; a batch of sync.write.batch-rows goes to the stream's writer (seda:write-&lt;stream&gt;,
 *       one batch deep), with the cursor its pages reach, and the loop fetches on while it is written
 *   write what was read (direct:write-what-was-read): the last batch to the writer, and wait for it to be written
 *   a write that failed fails the run here
 *   bring the current table up to date: a merge to seda:merge-&lt;stream&gt;, after those the writer handed over, and wait
 *     for it (direct:sink-merge; BigQuery: one MERGE from the history, google-bigquery-sql:)
 *   a list read whole, read completely: its rows gone from it marked _deleted_at, direct:sink-mark-vanished
 *   a list of field definitions (ticket_fields, ...): the view with a column per custom field, direct:sink-custom-fields
 *   finish the run: log what was done
 * a run that fails (StreamErrorPolicies): what was read is written (direct:write-what-was-read), what the writer wrote
 *   brought into the current table (direct:merge-what-was-written → direct:sink-merge: whatever the history holds beyond
 *   the current table, also rows an earlier run left unmerged), and the failure recorded
 * a run the application's shutdown stops (the loops break on it; a page left half read is not taken): the same, then
 *   the run recorded as stopped (EndStoppedRun); while the application stops, the merge runs in the run's own thread
 *
 * seda:write-&lt;stream&gt;, the stream's writer, one batch at a time, in order:
 *   write the batch: direct:sink-write, the sink of destination.type (DuckDB: appender; BigQuery: google-bigquery:
 *     insertAll into the history), then commit the cursor the batch carries (direct:commit-cursor: CommitCursor, the
 *     one place it moves, decides; direct:sink-save-state keeps it)
 *   every N batches (destination.duckdb.merge-every-batches, bigquery.merge.every-batches): hand a merge to the stream's
 *     merges (seda:merge-&lt;stream&gt;), which bring the current table up to date (direct:sink-merge) beside the next writes
 *   a failure: the run is told (it stops paging and fails once its writer is done); its later batches are not written
 * </pre>
 */
@ApplicationScoped
public class StreamSyncRoutes extends RouteBuilder {

    public static final String TEMPLATE = "freshdesk-stream";
    /** The end of a run that failed, before its failure is recorded: what its writer wrote reaches the current table. */
    static final String MERGE_WHAT_WAS_WRITTEN = "direct:merge-what-was-written";
    /** The variable that keeps the run's failure while the merge after it runs (a failed merge would replace it). */
    private static final String RUN_FAILURE = "runFailure";

    @Inject
    SyncSettings settings;
    @Inject
    LeaderElection leaderElection;
    @Inject
    StreamErrorPolicies errorPolicies;
    @Inject
    SyncStateRepository syncState;

    // the routes' steps and conditions, injected: found by their type (find usages, renames), not by a name
    @Inject
    StartStreamRun startStreamRun;
    @Inject
    ResumeFromCursor resumeFromCursor;
    @Inject
    CapCursorAtClock capCursorAtClock;
    @Inject
    KeepCustomFields keepCustomFields;
    @Inject
    KeepIdsSeen keepIdsSeen;
    @Inject
    RejectBadRecords rejectBadRecords;
    @Inject
    KeepChangedParent keepChangedParent;
    @Inject
    ReadChildPages readChildPages;
    @Inject
    TakeChildPage takeChildPage;
    @Inject
    StopRun stopRun;
    @Inject
    CollectChildRecords collectChildRecords;
    @Inject
    RowMapper rowMapper;
    @Inject
    MapPageToRows mapPageToRows;
    @Inject
    CountPageRecords countPageRecords;
    @Inject
    LogPageProgress logPageProgress;
    @Inject
    PlanNextPage planNextPage;
    @Inject
    GatherRows gatherRows;
    @Inject
    HandOverBatch handOverBatch;
    @Inject
    RaiseWriteFailure raiseWriteFailure;
    @Inject
    ListSeenIds listSeenIds;
    @Inject
    LogVanishedRowsMarked logVanishedRowsMarked;
    @Inject
    MakeCustomFieldsView makeCustomFieldsView;
    @Inject
    FinishStreamRun finishStreamRun;
    @Inject
    CommitCursor commitCursor;
    @Inject
    NoteCursorSaved noteCursorSaved;
    @Inject
    StartMerge startMerge;
    @Inject
    CountMergedRows countMergedRows;
    @Inject
    LogFailedMergeAfterFailure logFailedMergeAfterFailure;
    @Inject
    CountWrittenRows countWrittenRows;
    @Inject
    NoteWriteFailure noteWriteFailure;
    @Inject
    HandleMergeFailure handleMergeFailure;
    @Inject
    ReadWasComplete readWasComplete;
    @Inject
    MergeDue mergeDue;
    @Inject
    RunGoingOn runGoingOn;
    @Inject
    FireSkipped fireSkipped;

    @Override
    public void configure() {
        // @formatter:off
        RouteDefinition route = routeTemplate(TEMPLATE)
                .templateParameter("stream")
                .from("direct:sync-{{stream}}");
        errorPolicies.addTo(route)
                .routeId("sync-{{stream}}")
                .setProperty(StartStreamRun.STREAM_PROPERTY, constant("{{stream}}"))
                .process(startStreamRun)
                // the sink of destination.type: the stream's tables, created when missing; the committed cursor
                .to(Sink.PREPARE)
                .toV(Sink.LOAD_STATE, null, ResumeFromCursor.COMMITTED)
                .process(resumeFromCursor)
                .loopDoWhile(RunExchange::runGoesOn).breakOnShutdown()
                    // a new page: its retries are counted from zero (a redelivery restarts at the fetch below)
                    .removeHeaders("CamelRedeliver*")
                    .removeProperty(CountRetry.PAGE_RETRIES)
                    .removeProperty(PageParser.BAD_RECORD_RETRIES)
                    .removeProperty(PageIsolation.PROPERTY)
                    .to(FreshdeskRoutes.FETCH_PAGE)
                    // records dated far ahead of the clock (9999-12-31): loaded, but the keyset and the cursor leave
                    // them out, with a warning
                    .process(capCursorAtClock)
                    // a list of field definitions: its custom fields, changed or not, for the view at the end
                    .filter(RunExchange::definesCustomFields)
                        .process(keepCustomFields)
                    .end()
                    // a list read whole: every id it holds, changed or not, to find the rows gone at the end
                    .filter(RunExchange::readsWholeList)
                        .process(keepIdsSeen)
                    .end()
                    .process(rejectBadRecords)
                    .filter(RejectBadRecords::anyRejected)
                        .split(variable(RejectBadRecords.REJECTED)).stopOnException()
                            .to(Sink.REJECT)
                        .end()
                    .end()
                    .choice()
                        .when(RunExchange::readsChildLists)
                            // a child stream (conversations): the page lists parents (tickets); those changed since
                            // the cursor and not done yet have their child lists read, page by page, each through
                            // the page route like any page (same budget, same retries)
                            .split(body(), new BatchAggregation(ChildPages.Parent.class)).stopOnException()
                                .filter(RunExchange::changedSinceRunStart)
                                    .idempotentConsumer(new RecordKey(), syncState).skipDuplicate(true)
                                    .process(keepChangedParent)
                                .end()
                            .end()
                            .end()
                            .process(readChildPages)
                            .loopDoWhile(exchange -> ReadChildPages.pages(exchange).hasMore()).breakOnShutdown()
                                .removeHeaders("CamelRedeliver*")
                                .removeProperty(CountRetry.PAGE_RETRIES)
                                .removeProperty(PageParser.BAD_RECORD_RETRIES)
                                .removeProperty(PageIsolation.PROPERTY)
                                .to(FreshdeskRoutes.FETCH_PAGE)
                                .process(takeChildPage)
                            .end()
                            // the application stops with child lists of the page unread: the page is not taken
                            .filter(exchange -> ReadChildPages.pages(exchange).hasMore())
                                .process(stopRun)
                            .end()
                            .process(collectChildRecords)
                            .filter(RejectBadRecords::anyRejected)
                                .split(variable(RejectBadRecords.REJECTED)).stopOnException()
                                    .to(Sink.REJECT)
                                .end()
                            .end()
                            .split(body(), new BatchAggregation(Row.class)).stopOnException()
                                .process(rowMapper)
                            .end()
                        .endChoice()
                        .otherwise()
                            // the page's records → those changed since the cursor and not loaded yet (the idempotent
                            // repository) → rows, in one pass over the page
                            .process(mapPageToRows)
                        .endChoice()
                    .end()
                    .process(countPageRecords)
                    .process(logPageProgress)
                    .process(planNextPage)
                    // the page's rows join the batch; a full batch goes to the stream's writer (below), which writes it
                    // and then commits the cursor, while this loop fetches the next pages
                    .process(gatherRows)
                    .filter(exchangeProperty(GatherRows.DUE))
                        .process(handOverBatch)
                        .to(WriteBehind.HAND_OVER)
                    .end()
                .end()
                // the loop broke off with pages left: the application stops (breakOnShutdown); so does the run
                .filter(RunExchange::runGoesOn)
                    .process(stopRun)
                .end()
                // the run's last batch (a list read whole is done: its cursor moves now; the last commit is never put
                // off), and the wait for the writer to finish every batch before it; a write that failed fails the run
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .process(raiseWriteFailure)
                // the current table brought up to date, after any merge the writer handed over before
                .to(MergeBehind.MERGE_AND_WAIT)
                // a list read whole, read completely: rows no longer in it get _deleted_at, rows back lose it
                .filter(readWasComplete)
                    .process(listSeenIds)
                    .toV(Sink.MARK_VANISHED, null, LogVanishedRowsMarked.MARKED)
                    .process(logVanishedRowsMarked)
                .end()
                // the whole list of field definitions read: the view with a column per custom field, made anew
                .filter(RunExchange::definesCustomFields)
                    .process(makeCustomFieldsView)
                    .to(Sink.CUSTOM_FIELDS)
                .end()
                .process(finishStreamRun);

        // the cursor moves: CommitCursor decides where and what to save, the sink saves it, then the run knows it
        from(CommitCursor.ENDPOINT).routeId("commit-cursor")
                .errorHandler(noErrorHandler())
                .process(commitCursor)
                .filter(variable(CommitCursor.TO_SAVE).isNotNull())
                    .toV(Sink.SAVE_STATE, CommitCursor.TO_SAVE, "saved")
                    .process(noteCursorSaved)
                .end();

        // the end of a run (also one that failed, from StreamErrorPolicies): what was read goes to the writer as the
        // run's last batch, and the run waits for the writer to be done with it
        from(WriteBehind.WRITE_WHAT_WAS_READ).routeId("write-what-was-read")
                .errorHandler(noErrorHandler())
                .filter(exchangeProperty(StreamRun.PROPERTY).isNotNull())
                    .setProperty(CommitCursor.FINAL, constant(true))
                    .process(handOverBatch)
                    .toD(WriteBehind.HAND_OVER_AND_WAIT)
                .end();

        // the end of a run: a merge to the stream's merges, after those the writer handed over, and the wait for it; a
        // failure of it comes back here. While the application stops, the merge runs here instead: the stream's merge queue
        // may take nothing more (its consumer stops with the context); the destination runs a stream's merges one at a
        // time, so one the queue is still doing finishes first
        from(MergeBehind.MERGE_AND_WAIT).routeId("merge-and-wait")
                .errorHandler(noErrorHandler())
                .process(startMerge)
                .choice()
                    .when(RunExchange::applicationStopping)
                        .toV(Sink.MERGE, null, CountMergedRows.MERGED)
                        .process(countMergedRows)
                    .endChoice()
                    .otherwise()
                        .setProperty(MergeBehind.WAITED, constant(true))
                        .toD(MergeBehind.HAND_OVER_AND_WAIT)
                        .removeProperty(MergeBehind.WAITED)
                    .endChoice()
                .end();

        // a run that failed (StreamErrorPolicies, before the failure is recorded): the batches its writer wrote since the
        // last merge, and any an earlier run left unmerged (stopped between its writes and its merge), reach the current
        // table now rather than at the next run's merge; should that fail too, it is logged, and the run's own failure
        // stays the one recorded
        from(MERGE_WHAT_WAS_WRITTEN).routeId("merge-what-was-written")
                .errorHandler(noErrorHandler())
                .filter(MergeBehind::historyMayBeAhead)
                    .setVariable(RUN_FAILURE, exchangeProperty(Exchange.EXCEPTION_CAUGHT))
                    .doTry()
                        .to(MergeBehind.MERGE_AND_WAIT)
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(logFailedMergeAfterFailure)
                    .end()
                    .setProperty(Exchange.EXCEPTION_CAUGHT, variable(RUN_FAILURE))
                .end();

        for (FreshdeskStream stream : settings.streams()) {
            // the stream's writer, one batch at a time and in order: the batch to the sink of destination.type
            // (DuckDbRoutes, BigQuerySinkRoutes; its answer kept in a variable, the rows stay the body), then the cursor
            // the batch carries (direct:commit-cursor); every N batches a merge is handed to the stream's merges.
            // A failure stops the run's paging and fails the run; later batches of the run are not written.
            from(WriteBehind.queue(stream.streamName())).routeId(WriteBehind.ROUTE_PREFIX + stream.streamName())
                    .errorHandler(noErrorHandler())
                    .filter(RunExchange::writesGoOn)
                        .doTry()
                            .filter(WriteBatch::holdsRows)
                                .toV(Sink.WRITE, null, CountWrittenRows.WRITTEN)
                                .process(countWrittenRows)
                            .end()
                            .to(CommitCursor.ENDPOINT)
                            // every N batches: a merge for the stream's merges, which runs beside the next writes
                            .filter(mergeDue)
                                .process(startMerge)
                                .toD(MergeBehind.HAND_OVER)
                            .end()
                        .endDoTry()
                        .doCatch(Exception.class)
                            .process(noteWriteFailure)
                        .end()
                    .end();
        }
        for (FreshdeskStream stream : settings.streams()) {
            // the stream's merges, one at a time and in order: the sink brings the current table up to date from the
            // history (DuckDbRoutes, BigQuerySinkRoutes), beside the writer's next batches. A failure fails the run that
            // waits for the merge; one handed over by the writer is logged, and the next merge takes its rows.
            from(MergeBehind.queue(stream.streamName())).routeId(MergeBehind.ROUTE_PREFIX + stream.streamName())
                    .errorHandler(noErrorHandler())
                    .doTry()
                        .toV(Sink.MERGE, null, CountMergedRows.MERGED)
                        .process(countMergedRows)
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(handleMergeFailure)
                    .end();
        }
        for (FreshdeskStream stream : settings.streams()) {
            if (!stream.dailyExport()) {
                // (a stream read from a daily export, ticket_activities, has a route of its own: TicketActivitiesRoutes)
                templatedRoute(TEMPLATE).routeId("sync-" + stream.streamName()).parameter("stream",
                        stream.streamName());
            }
            if (settings.once()) {
                continue; // ScheduleStarter runs each stream once
            }
            // the trigger: a cron schedule (in the elected leader only, with sync.leader-election.type=file), started
            // by ScheduleStarter once the application is up (the simulator, when used, is served by this application).
            // A fire while the stream's run before still goes on is skipped, with a line saying so: the next run starts
            // at the next fire, not right after the long one
            from(leaderElection.trigger(settings.triggerUri(stream)))
                    .routeId(ScheduleStarter.ROUTE_PREFIX + stream.streamName())
                    .autoStartup(false)
                    .setProperty(StartStreamRun.STREAM_PROPERTY, constant(stream.streamName()))
                    .choice()
                        .when(runGoingOn)
                            .process(fireSkipped)
                        .otherwise()
                            .to("direct:sync-" + stream.streamName());
        }
        // @formatter:on
    }
}
