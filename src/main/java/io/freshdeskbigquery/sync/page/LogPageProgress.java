package io.freshdeskbigquery.sync.page;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.ObserveResponse;
import io.freshdeskbigquery.freshdesk.RateBudget;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.RunTotals;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.SyncMetrics;
import io.freshdeskbigquery.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * After a page is written and its cursor committed: the page's log line (records, duplicates, rejects, the cursor,
 * how far it has come and the time left at this pace, the request budget left), the page metrics, and a sign of
 * life for the liveness check.
 */
@ApplicationScoped
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
        StreamRun run = RunExchange.run(exchange);
        runs.activity(run.streamName());
        metrics.page(run.streamName(), run.totals().lastPageRecords());
        metrics.cursor(run.streamName(), run.cursor());
        if (LOG.isInfoEnabled()) {
            // measured to the account's clock (the simulator's is not this machine's), or this machine's
            Instant now = exchange.getProperty(ObserveResponse.SERVER_NOW, Instant.now(), Instant.class);
            LOG.info(line(run, budget.remaining(), run.stream().parent().isPresent()
                    ? childProgress(exchange).after(run, now, run.elapsed())
                    : progress(run, now)));
        }
    }

    /** A child stream's run counts what is left in requests: its progress, kept with the run's exchange. */
    private static ChildProgress childProgress(Exchange exchange) {
        ChildProgress progress = exchange.getProperty(ChildProgress.PROPERTY, ChildProgress.class);
        if (progress == null) {
            progress = new ChildProgress();
            exchange.setProperty(ChildProgress.PROPERTY, progress);
        }
        return progress;
    }

    /**
     * The page's line. Built by hand, not by a format string: a line a page, and the paging loop's profile showed
     * {@code java.util.Formatter} and the logger's own formatting at 7% of its samples (BENCHMARKS.md#decision-progress-line-by-hand).
     */
    static String line(StreamRun run, int budgetRemaining, String progress) {
        RunTotals totals = run.totals();
        StringBuilder line = new StringBuilder(256).append(run.streamName())
                .append(": page ")
                .append(run.pageOfRun())
                .append(": ")
                .append(totals.lastPageRecords())
                .append(" records (")
                .append(totals.lastPageDuplicates())
                .append(" already loaded, ")
                .append(totals.lastPageRejected())
                .append(" rejected); ")
                .append(totals.records())
                .append(" records in ")
                .append(totals.pages())
                .append(" pages so far;");
        if (run.stream().parent().isPresent()) {
            // a child stream's run: whose child lists it read, in how many requests
            line.append(" the ")
                    .append(run.streamName())
                    .append(" of ")
                    .append(run.childLists())
                    .append(' ')
                    .append(run.stream().listed().streamName())
                    .append(" read in ")
                    .append(run.childRequests())
                    .append(" requests;");
        }
        return line.append(" cursor ")
                .append(run.cursor())
                .append(progress)
                .append("; request budget left ")
                .append(budgetRemaining < 0 ? "unknown" : Integer.toString(budgetRemaining))
                .toString();
    }

    /**
     * How far the cursor has come from where the run's data begins (its first record's {@code updated_at}, not the
     * start cursor: a first run starts at sync.start-date, years before the account's first ticket) towards now (the
     * account's clock: the built-in simulator's lags this machine's, and the estimate stalled short of 100%), and what
     * remains at this pace. A list read whole or out of order has no such measure: its line counts pages. (A child
     * stream's run counts the requests it still has to make instead: {@link ChildProgress}.)
     */
    static String progress(StreamRun run, Instant now) {
        if (!run.position().ordered()) {
            return "";
        }
        Instant begins = run.dataBegins();
        long total = Duration.between(begins, now).getSeconds();
        long done = Duration.between(begins, run.cursor()).getSeconds();
        if (total <= 0 || done <= 0) {
            return "";
        }
        double fraction = Math.min(1.0, (double) done / total);
        long elapsed = run.elapsed().getSeconds();
        long remaining = fraction > 0 ? (long) (elapsed / fraction - elapsed) : -1;
        return " (" + Math.round(fraction * 100) + "% of the time from the first record read to now; about "
                + Math.max(0, remaining) + " s to go at this pace)";
    }
}
