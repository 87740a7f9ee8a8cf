package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Moves the cursor after a page's rows were written. On an ordered incremental stream every record up to
 * the page's newest {@code updated_at} is now loaded, so the cursor goes there. A page out of order (or a
 * list read whole) proves nothing about the records not yet read: the cursor then waits for the end of the
 * run ({@link CommitRunCursor}).
 */
@ApplicationScoped
@Named("commitCursor")
public class CommitCursor implements Processor {

    private static final Logger LOG = Logger.getLogger(CommitCursor.class);

    @Inject
    SyncStateRepository syncState;
    @Inject
    SyncMetrics metrics;
    @Inject
    io.freshdeskbigquery.freshdesk.RateBudget budget;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        if (run.ordered() && !page.ordered()) {
            run.unordered();
            LOG.warnf("%s: Freshdesk answered page %d out of updated_at order; the cursor will move when the"
                    + " whole list has been read", run.streamName(), run.page());
        }
        if (run.ordered() && page.newest() != null) {
            Instant newest = run.pinned() != null && page.newest().isAfter(run.pinned()) ? run.pinned() : page.newest();
            Instant cursor = newest.isAfter(run.cursor()) ? newest : run.cursor();
            syncState.commit(run.streamName(), cursor, run.runId());
            run.cursorCommitted(cursor);
        }
        runs.activity(run.streamName());
        metrics.page(run.streamName(), run.lastPageRecords());
        metrics.cursor(run.streamName(), run.cursor());
        LOG.infof("%s: page %d: %d records (%d already loaded, %d rejected); %d records in %d pages so far;"
                + " cursor %s%s; request budget left %s", run.streamName(), run.page(), run.lastPageRecords(),
                run.lastPageDuplicates(), run.lastPageRejected(), run.records(), run.pages(), run.cursor(),
                progress(run), budget.remaining() < 0 ? "unknown" : Integer.toString(budget.remaining()));
    }

    /** How far the cursor has come from the run's start towards now, and what remains at this pace. */
    static String progress(StreamRun run) {
        if (!run.ordered()) {
            return "";
        }
        long total = Duration.between(run.startCursor(), Instant.now()).getSeconds();
        long done = Duration.between(run.startCursor(), run.cursor()).getSeconds();
        if (total <= 0 || done <= 0) {
            return "";
        }
        double fraction = Math.min(1.0, (double) done / total);
        long elapsed = run.elapsed().getSeconds();
        long remaining = fraction > 0 ? (long) (elapsed / fraction - elapsed) : -1;
        return String.format(" (%.0f%% of the time since the run's start cursor; about %d s to go at this pace)",
                fraction * 100, Math.max(0, remaining));
    }
}
