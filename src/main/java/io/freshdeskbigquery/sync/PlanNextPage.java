package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PageRequest;
import io.freshdeskbigquery.freshdesk.EndlessPagingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

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
 * A server that answers the same records again and again with {@code rel="next"} is stopped here.
 */
@ApplicationScoped
@Named("planNextPage")
public class PlanNextPage implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        if (page.isEmpty() || !page.hasNext()) {
            run.finished();
            return;
        }
        if (run.repeatsPreviousPage(page.fingerprint())) {
            throw new EndlessPagingException("Stream " + run.streamName() + ", page " + run.page() + " (" + page.url()
                    + "): Freshdesk answered the same records as the previous page and still says rel=\"next\";"
                    + " stopping this run instead of paging forever");
        }
        if (run.ordered() && page.newest() != null && page.newest().isAfter(run.since())) {
            // the new query lists the records of the newest second first; if that second filled this whole
            // page, page 1 of the new query is this very page, so go on from page 2
            run.restartFrom(page.newest(), page.countAtNewest() >= PageRequest.PER_PAGE ? 2 : 1);
        } else {
            run.nextPage();
        }
    }
}
