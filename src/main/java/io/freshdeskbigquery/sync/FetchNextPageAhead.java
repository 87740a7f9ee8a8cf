package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * With {@code sync.fetch-ahead}: when the page just read says which page comes next ({@link PlanNextPage#knownFromPage}),
 * that page is to be fetched ahead: the run keeps the {@link PageAhead} for its next turn, and the exchange property
 * {@value PageAhead#PROPERTY} hands it to the wire tap that fetches it. Otherwise nothing.
 */
@ApplicationScoped
@Named("fetchNextPageAhead")
public class FetchNextPageAhead implements Processor {

    @Inject
    SyncSettings settings;

    @Override
    public void process(Exchange exchange) {
        if (!settings.fetchAhead()) {
            return;
        }
        StreamRun run = StreamSyncRoutes.run(exchange);
        PageAhead.Ask next = PlanNextPage.knownFromPage(run, StreamSyncRoutes.page(exchange));
        if (next != null) {
            PageAhead ahead = new PageAhead(next);
            run.fetchingAhead(ahead);
            exchange.setProperty(PageAhead.PROPERTY, ahead);
        }
    }
}
