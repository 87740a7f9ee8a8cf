package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PageParser;
import io.freshdeskbigquery.freshdesk.PageRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The start of a turn of the paging loop: the page fetched ahead ({@link PageAhead}) is taken when it is the request the
 * run makes now; the variable {@value #TAKEN} says whether it was (if not, the loop fetches the page itself). Taking it
 * waits for its answer, then the exchange holds what the page route would have left: the checked page, its records, its
 * URL and headers. A fetch ahead that failed fails here, as the loop's own fetch would have: the stream's retry policies
 * handle it, and their retry (which runs this again, with nothing ahead any more) fetches the page in the loop.
 */
@ApplicationScoped
@Named("takePageFetchedAhead")
public class TakePageFetchedAhead implements Processor {

    /** Variable: true when this turn's page was fetched ahead and taken. */
    static final String TAKEN = "pageFetchedAhead";

    private static final Logger LOG = Logger.getLogger(TakePageFetchedAhead.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        PageAhead ahead = run.takeAhead();
        exchange.setVariable(TAKEN, false);
        if (ahead == null) {
            return;
        }
        if (!ahead.answers(run)) {
            LOG.debugf("%s: page %d fetched ahead for %s is not the page asked now; fetching %s", run.streamName(),
                    ahead.ask().pageOfRun(), PageRequest.query(ahead.ask()), PageRequest.query(run));
            return;
        }
        Exchange answered = ahead.answer().join();
        exchange.setProperty(PageParser.BAD_RECORD_RETRIES, answered.getProperty(PageParser.BAD_RECORD_RETRIES));
        Exception failure = answered.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure != null) {
            exchange.setException(failure);
            return;
        }
        Message message = exchange.getMessage();
        // as the page route leaves them: Freshdesk's headers (Link, X-RateLimit-*), Camel's own kept
        message.removeHeaders("*", "Camel*");
        message.getHeaders().putAll(answered.getMessage().getHeaders());
        message.setBody(answered.getMessage().getBody());
        exchange.setProperty(PageRequest.URL_PROPERTY, answered.getProperty(PageRequest.URL_PROPERTY));
        exchange.setProperty(FreshdeskPage.PROPERTY, answered.getProperty(FreshdeskPage.PROPERTY));
        exchange.setVariable(TAKEN, true);
    }
}
