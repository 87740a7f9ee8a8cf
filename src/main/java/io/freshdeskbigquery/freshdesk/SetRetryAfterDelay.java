package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * On a 429, sets the redelivery delay to exactly Freshdesk's {@code Retry-After} (seconds), or to
 * {@code freshdesk.retry.default-retry-after} when the header is missing or no wait ({@link RateLimitWaits}), and adds
 * it to the run's waits on 429s. Runs as the policy's {@code onExceptionOccurred}, before Camel computes the delay.
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
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, seconds * 1000);
        waits.waiting(exchange, seconds);
        budget.pauseFor(seconds);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        if (run != null) {
            metrics.retry(run.streamName());
        }
        LOG.warnf("%s: %s: Freshdesk rate limit reached (429); every stream waits %d s as Retry-After says,"
                + " then this one asks for the same page again", run == null ? "?" : run.streamName(),
                run == null ? "?" : run.pageLabel(), seconds);
    }
}
