package io.freshdeskbigquery.sync.page;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The records of a page that cannot be loaded (no {@code id}, no {@code updated_at}, not an object), logged and put in
 * the {@value #REJECTED} variable as {@link RejectedRecord}s, which the route sends to the sink's {@code _rejected}
 * before the page's good records are written and the cursor moves past them.
 */
@ApplicationScoped
public class RejectBadRecords implements Processor {

    private static final Logger LOG = Logger.getLogger(RejectBadRecords.class);

    /** The variable holding the page's rejected records. */
    public static final String REJECTED = "rejected";

    /**
     * The page had records that cannot be loaded ({@value #REJECTED}): only then are they split out to the sink's
     * {@code _rejected}. A split of an empty list still copies the page's exchange for it, every page
     * (BENCHMARKS.md#decision-no-per-record-split).
     */
    public static boolean anyRejected(Exchange exchange) {
        return !exchange.getVariable(REJECTED, List.of(), List.class).isEmpty();
    }

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        FreshdeskPage page = RunExchange.page(exchange);
        List<RejectedRecord> rejected = new ArrayList<>(page.bad().size());
        for (FreshdeskPage.BadRecord bad : page.bad()) {
            rejected.add(rejected(run, bad.url() != null ? bad.url() : page.url(), bad));
        }
        exchange.setVariable(REJECTED, rejected);
    }

    /** A bad record of the run, found on the page at {@code url}, as kept in {@code _rejected}; the warning says so. */
    public static RejectedRecord rejected(StreamRun run, String url, FreshdeskPage.BadRecord bad) {
        LOG.warnf("%s: page %d: a record was rejected (%s) and kept in _rejected: %s (%s)", run.streamName(),
                run.pageOfRun(), bad.reason(), LogText.abbreviate(bad.raw(), 120), url);
        return new RejectedRecord(run.streamName(), url, bad.reason(), bad.raw(), run.runId());
    }
}
