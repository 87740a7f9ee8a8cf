package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.RateBudget;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * After a page is written and its cursor committed: the page's log line (records, duplicates, rejects, the cursor,
 * how far it has come and the time left at this pace, the request budget left), the page metrics, and a sign of
 * life for the liveness check.
 */
@ApplicationScoped
@Named("logPageProgress")
public class LogPageProgress implements Processor {

    private static final Logger LOG = Logger.getLogger(LogPageProgress.class);

    @Inject
    SyncMetrics metrics;
    @Inject
    RateBudget budget;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        runs.activity(run.streamName());
        metrics.page(run.streamName(), run.totals().lastPageRecords());
        metrics.cursor(run.streamName(), run.cursor());
        LOG.infof("%s: page %d: %d records (%d already loaded, %d rejected); %d records in %d pages so far;"
                + "%s cursor %s%s; request budget left %s", run.streamName(), run.pageOfRun(), run.totals().lastPageRecords(),
                run.totals().lastPageDuplicates(), run.totals().lastPageRejected(), run.totals().records(), run.totals().pages(),
                childLists(run), run.cursor(), progress(run),
                budget.remaining() < 0 ? "unknown" : Integer.toString(budget.remaining()));
    }

    /** A child stream's run: whose child lists it read, in how many requests. */
    static String childLists(StreamRun run) {
        return run.stream().parent().isEmpty() ? "" : String.format(" the %s of %d %s read in %d requests;",
                run.streamName(), run.childLists(), run.stream().listed().streamName(), run.childRequests());
    }

    /**
     * How far the cursor has come from where the run's data begins (its first record's {@code updated_at}, not the
     * start cursor: a first run starts at sync.start-date, years before the account's first ticket) towards now, and
     * what remains at this pace. A list read whole or out of order has no such measure: its line counts pages.
     */
    static String progress(StreamRun run) {
        if (!run.ordered()) {
            return "";
        }
        Instant begins = run.dataBegins();
        long total = Duration.between(begins, Instant.now()).getSeconds();
        long done = Duration.between(begins, run.cursor()).getSeconds();
        if (total <= 0 || done <= 0) {
            return "";
        }
        double fraction = Math.min(1.0, (double) done / total);
        long elapsed = run.elapsed().getSeconds();
        long remaining = fraction > 0 ? (long) (elapsed / fraction - elapsed) : -1;
        return String.format(" (%.0f%% of the time from the first record read to now; about %d s to go at this pace)",
                fraction * 100, Math.max(0, remaining));
    }
}
