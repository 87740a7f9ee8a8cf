package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A page that could not be read ({@link NoteUnreadablePage}). An answer cut off before its JSON ends is a fault of the
 * way, not of a record: it fails the request, which the stream's retry policy asks again ({@code freshdesk.retry.*}),
 * and the run fails once the retries are used up. Any other body that is not JSON may be a passing fault too: the page
 * is asked for again whole, {@code freshdesk.retry.bad-record-attempts} times, through the stream's retry policy (its
 * backoff, and its {@code freshdesk.retry.max-attempts}). Then, or at once for a page larger than
 * {@code freshdesk.max-page-bytes} (a size does not pass), its records are asked for in smaller pages
 * ({@link PageIsolation}) until what cannot be read is one record alone.
 */
@ApplicationScoped
public class IsolateUnreadablePage implements Processor {

    private static final Logger LOG = Logger.getLogger(IsolateUnreadablePage.class);

    @Inject
    FreshdeskConfig config;

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String url = exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class);
        String reason = exchange.getVariable(NoteUnreadablePage.REASON, String.class);
        boolean tooLarge = exchange.getVariable(NoteUnreadablePage.TOO_LARGE, false, Boolean.class);
        if (exchange.getVariable(NoteUnreadablePage.CUT_OFF, false, Boolean.class)) {
            // the stream's retry policy asks again (freshdesk.retry.max-attempts), then fails the run
            throw new FreshdeskPageException(run.where(url) + ": " + reason + "; the answer was cut off");
        }
        int asked = exchange.getProperty(PageParser.BAD_RECORD_RETRIES, 0, Integer.class);
        if (!tooLarge && asked < config.retry().badRecordAttempts()) {
            exchange.setProperty(PageParser.BAD_RECORD_RETRIES, asked + 1);
            throw new FreshdeskPageException(run.where(url) + ": " + reason + "; asking for the page again");
        }
        LOG.warnf("%s: %s; asking for its records in smaller pages (per_page=50, 25, 5, 1) to set apart the ones that"
                + " cannot be read", run.where(url), reason);
        exchange.setProperty(PageIsolation.PROPERTY, new PageIsolation(run.page(), url));
    }
}
