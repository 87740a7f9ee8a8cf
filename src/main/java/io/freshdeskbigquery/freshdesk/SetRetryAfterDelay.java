package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * On a 429, pauses every stream's requests for exactly Freshdesk's {@code Retry-After} (seconds), or
 * {@code freshdesk.retry.default-retry-after} when the header is missing or no wait ({@link RateLimitWaits}), and adds
 * it to the run's waits on 429s; the page is asked for again at once, and waits out the pause at the page route's Delay
 * EIP. Runs as the policy's {@code onExceptionOccurred}, before Camel computes the redelivery delay (none).
 */
@ApplicationScoped
public class SetRetryAfterDelay implements Processor {

    private static final Logger LOG = Logger.getLogger(SetRetryAfterDelay.class);

    @Inject
    RateLimitWaits waits;
    @Inject
    RateBudget budget;
    @Inject
    FreshdeskMetrics metrics;

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!(caught instanceof FreshdeskHttpException.RateLimited rateLimited)) {
            return; // the other policies compute their own backoff
        }
        long seconds = waits.seconds(rateLimited);
        waits.waiting(exchange, seconds);
        // every stream, this one too, waits at the page route's Delay EIP until Retry-After has passed: the page is asked
        // for again at once, and waits there. Not in Camel's redelivery, which the application's stop would wait for
        // (up to camel.main.shutdown-timeout), where the Delay EIP's wait ends at once (BudgetWaits)
        budget.pauseFor(seconds);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        if (run != null) {
            metrics.retry(run.streamName());
        }
        LOG.warnf("%s: %s: Freshdesk rate limit reached (429); every stream waits %d s as Retry-After says,"
                + " then this one asks for the same page again", run == null ? "?" : run.streamName(),
                run == null ? "?" : run.pageLabel(), seconds);
    }
}
