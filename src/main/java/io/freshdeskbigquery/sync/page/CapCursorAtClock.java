package io.freshdeskbigquery.sync.page;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A page's records dated more than {@code sync.max-future-skew} past this machine's clock (an {@code updated_at} of
 * 9999-12-31, or a clock gone wrong): each is logged (stream, page URL, record), and the page the keyset and the cursor
 * follow leaves them out ({@link FreshdeskPage#newestUpTo}). They are loaded like any record; the idempotent repository
 * keeps their keys apart ({@link SyncStateRepository#aheadFrom}), with the cursor, so the next run, which asks again
 * from the sane cursor and meets them again, does not load them again. Had the cursor followed such a record, every
 * later run would ask for the changes since 9999 and never see a real one again.
 */
@ApplicationScoped
public class CapCursorAtClock implements Processor {

    private static final Logger LOG = Logger.getLogger(CapCursorAtClock.class);

    /** Records of one page named in the log one by one; the rest are counted. */
    static final int NAMED_PER_PAGE = 10;

    @Inject
    SyncSettings settings;
    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        FreshdeskPage page = RunExchange.page(exchange);
        Instant now = Instant.now();
        Instant limit = now.plus(settings.maxFutureSkew());
        run.aheadFrom(limit);
        syncState.aheadFrom(run.streamName(), limit);
        if (page.newest() == null || !page.newest().isAfter(limit)) {
            return;
        }
        int ahead = 0;
        for (int i = 0; i < page.records().size(); i++) {
            Instant updatedAt = page.updatedAt(i);
            if (!updatedAt.isAfter(limit)) {
                continue;
            }
            if (++ahead <= NAMED_PER_PAGE) {
                LOG.warnf("%s: %s: record %d has updated_at %s, more than sync.max-future-skew (%s) past this machine's"
                        + " clock (%s); it is loaded, but the cursor does not move past the records dated within the"
                        + " tolerance (%s)", run.streamName(), run.pageLabel(),
                        FreshdeskRecords.id(page.records().get(i)), updatedAt, settings.maxFutureSkew(), now,
                        page.url());
            }
        }
        if (ahead > NAMED_PER_PAGE) {
            LOG.warnf("%s: %s: %d more records dated more than sync.max-future-skew past this machine's clock (%s)",
                    run.streamName(), run.pageLabel(), ahead - NAMED_PER_PAGE, page.url());
        }
        exchange.setProperty(FreshdeskPage.PROPERTY, page.newestUpTo(limit));
    }
}
