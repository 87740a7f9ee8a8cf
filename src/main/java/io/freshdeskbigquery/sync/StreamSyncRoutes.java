package io.freshdeskbigquery.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskConfig;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRoutes;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageParser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The sync, one route per stream, all made from the {@value #TEMPLATE} template:
 *
 * <pre>
 * quartz (cron; master:quartz in the elected leader only) or, with sync.once, ScheduleStarter  →  direct:sync-&lt;stream&gt;
 *   start the run: direct:sink-prepare (tables created when missing), direct:sink-load-state (the committed cursor)
 *   loop while the stream has more pages
 *     fetch the page (direct:freshdesk-page)
 *     keep bad records: each to direct:sink-reject (_rejected)
 *     split the page into records → drop those already loaded (idempotent consumer) → map to rows → batch;
 *       a child stream (conversations) instead: the page's changed parents (tickets), not yet done, have their child
 *       lists read page by page (a loop over direct:freshdesk-page), and the child records become the rows
 *     write the batch: direct:sink-write, the sink of destination.type (DuckDB: appender; BigQuery: google-bigquery:
 *       insertAll into the history), then commit the cursor (direct:commit-cursor: CommitCursor, the one place it
 *       moves, decides; direct:sink-save-state keeps it)
 *     every N batches (bigquery.merge.every-batches): bring the current table up to date (direct:sink-merge)
 *     plan the next request (keyset)
 *   bring the current table up to date: direct:sink-merge (BigQuery: one MERGE from the history, google-bigquery-sql:)
 *   a list read whole, read completely: its rows gone from it marked _deleted_at, direct:sink-mark-vanished
 *   a list of field definitions (ticket_fields, ...): the view with a column per custom field, direct:sink-custom-fields
 *   finish the run: log what was done
 * </pre>
 */
@ApplicationScoped
public class StreamSyncRoutes extends RouteBuilder {

    public static final String TEMPLATE = "freshdesk-stream";
    public static final String SCHEDULE_PREFIX = "schedule-";
    public static final String COMMIT_CURSOR = "direct:commit-cursor";

    @Inject
    SyncSettings settings;
    @Inject
    jakarta.enterprise.inject.Instance<Destination> destination;
    @Inject
    FreshdeskConfig freshdesk;
    @Inject
    LeaderElection leaderElection;

    @Override
    public void configure() {
        RouteDefinition route = routeTemplate(TEMPLATE)
                .templateParameter("stream")
                .from("direct:sync-{{stream}}");
        StreamErrorPolicies.addTo(route, freshdesk.retry())
                .routeId("sync-{{stream}}")
                .setProperty(StartStreamRun.STREAM_PROPERTY, constant("{{stream}}"))
                .process("startStreamRun")
                // the sink of destination.type: the stream's tables, created when missing; the committed cursor
                .to(Sink.PREPARE)
                .toV(Sink.LOAD_STATE, null, ResumeFromCursor.COMMITTED)
                .process("resumeFromCursor")
                .loopDoWhile(exchange -> run(exchange).hasMore()).breakOnShutdown()
                    // a new page: its retries are counted from zero (a redelivery restarts at the fetch below)
                    .removeHeaders("CamelRedeliver*")
                    .removeProperty(CountRetry.PAGE_RETRIES)
                    .removeProperty(PageParser.BAD_RECORD_RETRIES)
                    .to(FreshdeskRoutes.FETCH_PAGE)
                    // a list of field definitions: its custom fields, changed or not, for the view at the end
                    .filter(new DefinesCustomFields())
                        .process("customFieldsRead")
                    .end()
                    // a list read whole: every id it holds, changed or not, to find the rows gone at the end
                    .filter(new ReadsWholeList())
                        .process("idsSeen")
                    .end()
                    .process("rejectBadRecords")
                    .split(variable(RejectBadRecords.REJECTED)).stopOnException()
                        .to(Sink.REJECT)
                    .end()
                    .choice()
                        .when(new ChildStream())
                            // a child stream (conversations): the page lists parents (tickets); those changed since
                            // the cursor and not done yet have their child lists read, page by page, each through
                            // the page route like any page (same budget, same retries)
                            .split(body(), new BatchAggregation(ChildPages.Parent.class)).stopOnException()
                                .filter(new ChangedSinceRunStart())
                                    .idempotentConsumer(new RecordKey()).idempotentRepository("syncState").skipDuplicate(true)
                                    .process("changedParent")
                                .end()
                            .end()
                            .end()
                            .process("readChildPages")
                            .loopDoWhile(exchange -> ReadChildPages.pages(exchange).hasMore()).breakOnShutdown()
                                .removeHeaders("CamelRedeliver*")
                                .removeProperty(CountRetry.PAGE_RETRIES)
                                .removeProperty(PageParser.BAD_RECORD_RETRIES)
                                .to(FreshdeskRoutes.FETCH_PAGE)
                                .process("childPageRead")
                            .end()
                            .process("childRecords")
                            .split(variable(RejectBadRecords.REJECTED)).stopOnException()
                                .to(Sink.REJECT)
                            .end()
                            .split(body(), new BatchAggregation(Row.class)).stopOnException()
                                .process("rowMapper")
                            .end()
                        .endChoice()
                        .otherwise()
                            // split the page into records → drop those already loaded → map to rows → batch
                            .split(body(), new BatchAggregation(Row.class)).stopOnException()
                                .filter(new ChangedSinceRunStart())
                                    .idempotentConsumer(new RecordKey()).idempotentRepository("syncState").skipDuplicate(true)
                                    .process("rowMapper")
                                .end()
                            .end()
                            .end()
                        .endChoice()
                    .end()
                    // the batch to the sink of destination.type (DuckDbRoutes, BigQuerySinkRoutes); its answer is kept
                    // in a variable, the batch stays the body
                    .toV(Sink.WRITE, null, CountWrittenRows.WRITTEN)
                    .process("countWrittenRows")
                    .to(COMMIT_CURSOR)
                    .process("logPageProgress")
                    // long backfills: the current table catches up with the history every N batches
                    .filter(new MergeDue(() -> destination.get().mergeEveryBatches()))
                        .toV(Sink.MERGE, null, CountMergedRows.MERGED)
                        .process("countMergedRows")
                    .end()
                    .process("planNextPage")
                    // a second paged through by offset is done: the cursor held at it catches up
                    .to(COMMIT_CURSOR)
                .end()
                // a list read whole (or out of order) is done: its cursor moves now; the last commit is never put off
                .setProperty(CommitCursor.FINAL, constant(true))
                .to(COMMIT_CURSOR)
                .toV(Sink.MERGE, null, CountMergedRows.MERGED)
                .process("countMergedRows")
                // a list read whole, read completely: rows no longer in it get _deleted_at, rows back lose it
                .filter(new CompleteRead())
                    .process("vanishedRows")
                    .toV(Sink.MARK_VANISHED, null, VanishedRowsMarked.MARKED)
                    .process("vanishedRowsMarked")
                .end()
                // the whole list of field definitions read: the view with a column per custom field, made anew
                .filter(new DefinesCustomFields())
                    .process("customFieldsViewOfRun")
                    .to(Sink.CUSTOM_FIELDS)
                .end()
                .process("finishStreamRun");

        // the cursor moves: CommitCursor decides where and what to save, the sink saves it, then the run knows it
        from(COMMIT_CURSOR).routeId("commit-cursor")
                .errorHandler(noErrorHandler())
                .process("commitCursor")
                .filter(variable(CommitCursor.TO_SAVE).isNotNull())
                    .toV(Sink.SAVE_STATE, CommitCursor.TO_SAVE, "saved")
                    .process("cursorSaved")
                .end();

        for (FreshdeskStream stream : settings.streams()) {
            templatedRoute(TEMPLATE).routeId("sync-" + stream.streamName()).parameter("stream", stream.streamName());
            if (settings.once()) {
                continue; // ScheduleStarter runs each stream once
            }
            // the trigger: a cron schedule (in the elected leader only, with sync.leader-election.type=file), started
            // by ScheduleStarter once the application is up (the simulator, when used, is served by this application)
            from(leaderElection.trigger(settings.triggerUri(stream)))
                    .routeId(SCHEDULE_PREFIX + stream.streamName())
                    .autoStartup(false)
                    .to("direct:sync-" + stream.streamName());
        }
    }

    static StreamRun run(Exchange exchange) {
        return exchange.getProperty(StreamRun.PROPERTY, StreamRun.class);
    }

    static FreshdeskPage page(Exchange exchange) {
        return exchange.getProperty(FreshdeskPage.PROPERTY, FreshdeskPage.class);
    }

    static List<?> bodyList(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof List<?> list ? list : List.of();
    }
}
