package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before each redelivery of a page after a server error, a timeout or a malformed page: counts it in the
 * metrics and in the page's own count of such retries ({@value #PAGE_RETRIES}), which bounds them
 * ({@link RetriesLeft}). Rate-limit waits are not counted there: they have a policy of their own.
 */
@ApplicationScoped
public class CountRetry implements Processor {

    /** Exchange property: the current page's retries after transient failures; cleared for each new page. */
    public static final String PAGE_RETRIES = "freshdeskPageRetries";

    @Inject
    FreshdeskMetrics metrics;

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PAGE_RETRIES, exchange.getProperty(PAGE_RETRIES, 0, Integer.class) + 1);
        StreamRun run = RunExchange.run(exchange);
        if (run != null) {
            metrics.retry(run.streamName());
        }
    }
}
