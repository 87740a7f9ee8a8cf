package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The API's Micrometer metrics, tagged by stream: requests by status, 429s, and retries of a page. */
@ApplicationScoped
public class FreshdeskMetrics {

    private final MeterRegistry registry;

    @Inject
    public FreshdeskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String stream, int status) {
        registry.counter("freshdesk.requests", Tags.of("stream", stream, "status", Integer.toString(status)))
                .increment();
        if (status == 429) {
            registry.counter("freshdesk.rate.limited", "stream", stream).increment();
        }
    }

    public void retry(String stream) {
        registry.counter("freshdesk.retries", "stream", stream).increment();
    }
}
