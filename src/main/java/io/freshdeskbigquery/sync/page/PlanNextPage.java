package io.freshdeskbigquery.sync.page;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PreparePageRequest;
import io.freshdeskbigquery.sync.cursor.CommitCursor;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.KeysetPosition;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Decides the next request of the paging loop.
 * <ul>
 * <li>No {@code Link rel="next"}, or an empty page: the stream is done.</li>
 * <li>Ordered incremental stream whose page reached past the query's {@code updated_since}: <b>keyset
 * step</b>, ask again with {@code updated_since} = the newest {@code updated_at} written, page 1 (page 2
 * when that second alone filled the page, as page 1 would be the same page again). Offset
 * paging over a list that changes while it is read would let a record slip onto a page already read; and
 * restarting from page 1 keeps the tickets list far from its 300-page cap.</li>
 * <li>Otherwise (the boundary second alone fills the page, or a list read whole): the next page.</li>
 * </ul>
 * Paging by offset through one second's records is exposed to the shift offset paging always has: so when
 * the loader leaves such a second, it reads its pages once more, until a pass finds nothing new, and the
 * cursor stays at that second meanwhile ({@link CommitCursor}, which also moves it on once the second is done).
 * A server that answers records it answered before again and again with {@code rel="next"} is stopped here
 * ({@link io.freshdeskbigquery.freshdesk.PagingProgress}).
 */
@ApplicationScoped
public class PlanNextPage implements Processor {

    private static final Logger LOG = Logger.getLogger(PlanNextPage.class);

    @Inject
    SyncStateRepository syncState;

    /** Passes over one second's pages before the loader gives up making sure and moves on (with a warning). */
    static final int MAX_VERIFICATIONS = 5;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        KeysetPosition position = run.position();
        FreshdeskPage page = RunExchange.page(exchange);
        boolean lastPage = page.isEmpty() || !page.hasNext();
        boolean pastTheSecond = page.newest() != null && page.newest().isAfter(position.since());
        if (position.ordered() && position.pinned() != null && (lastPage || pastTheSecond)) {
            if ((!position.verifying() || position.foundNewWhileVerifying())
                    && position.verifications() < MAX_VERIFICATIONS) {
                // while that second's pages were read, an update may have shifted one of its records onto a
                // page already read: read its pages once more (records already loaded are dropped)
                LOG.infof("%s: %s filled more than a page; reading its pages again to catch records that shifted",
                        run.streamName(), position.pinned());
                position.verifyPinnedSecond();
                return;
            }
            if (position.foundNewWhileVerifying()) {
                LOG.warnf("%s: records of %s kept shifting after %d passes; moving on (a record updated again"
                        + " will come back at its new updated_at)", run.streamName(), position.pinned(),
                        position.verifications());
            }
            // that second is complete: the cursor, held there, catches up with the rows written since (CommitCursor,
            // right after this)
            unpin(run);
        }
        if (lastPage) {
            position.finished();
            return;
        }
        // a page that repeats any page read before in this run (two pages served alternately), or a run whose pages
        // bring almost nothing new (a window moved by one record a page): EndlessPagingException
        position.checkProgress(page, run.where(page.url()));
        if (position.ordered() && pastTheSecond) {
            // the new query lists the records of the newest second first; if that second filled this whole
            // page, page 1 of the new query is this very page, so go on from page 2
            boolean wholePage = page.countAtNewest() >= PreparePageRequest.PER_PAGE;
            position.restartFrom(page.newest(), wholePage ? 2 : 1);
            if (wholePage) {
                pin(run, page.newest());
            }
        } else {
            position.nextPage();
            if (position.ordered()) {
                pin(run, position.since());
            }
        }
    }

    private void pin(StreamRun run, Instant second) {
        run.position().pin(second);
        syncState.pin(run.streamName(), second);
    }

    private void unpin(StreamRun run) {
        run.position().unpin();
        syncState.unpin(run.streamName());
    }
}
