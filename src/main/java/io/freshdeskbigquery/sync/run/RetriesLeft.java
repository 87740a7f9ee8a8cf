package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The retry bound of transient failures (5xx, timeouts, connection errors, malformed pages): true while the
 * page has been retried fewer than {@code freshdesk.retry.max-attempts} times for them. Camel's own redelivery
 * counter is not used for this because every redelivery of the exchange raises it, the 429 waits included: a
 * page that waited out a few rate limits would otherwise have no retries left for a 503.
 */
@ApplicationScoped
public class RetriesLeft implements Predicate {

    @Inject
    FreshdeskConfig freshdesk;

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getProperty(CountRetry.PAGE_RETRIES, 0, Integer.class) < freshdesk.retry().maxAttempts();
    }

    @Override
    public String toString() {
        return "retries left (of " + freshdesk.retry().maxAttempts() + ")";
    }
}
