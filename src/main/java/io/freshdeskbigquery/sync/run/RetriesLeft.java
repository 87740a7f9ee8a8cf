package io.freshdeskbigquery.sync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The retry bound of transient failures (5xx, timeouts, connection errors, malformed pages): true while the
 * page has been retried fewer than {@code freshdesk.retry.max-attempts} times for them. Camel's own redelivery
 * counter is not used for this because every redelivery of the exchange raises it, the 429 waits included: a
 * page that waited out a few rate limits would otherwise have no retries left for a 503.
 */
public class RetriesLeft implements Predicate {

    private final int maxAttempts;

    public RetriesLeft(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public boolean matches(Exchange exchange) {
        return exchange.getProperty(CountRetry.PAGE_RETRIES, 0, Integer.class) < maxAttempts;
    }

    @Override
    public String toString() {
        return "retries left (of " + maxAttempts + ")";
    }
}
