package io.freshdeskbigquery.sync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The sync's Micrometer metrics, tagged by stream (Prometheus at {@code /q/metrics}): pages, records loaded, failed
 * runs, and the cursor's lag behind the clock. Requests, 429s and retries are the API's ({@code FreshdeskMetrics}).
 */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> cursorLag = new ConcurrentHashMap<>();

    @Inject
    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void page(String stream, int records) {
        registry.counter("sync.pages", "stream", stream).increment();
        registry.counter("sync.records.loaded", "stream", stream).increment(records);
    }

    public void failure(String stream) {
        registry.counter("sync.failures", "stream", stream).increment();
    }

    public void cursor(String stream, Instant cursor) {
        cursorLag.computeIfAbsent(stream, s -> registry.gauge("sync.cursor.lag.seconds", Tags.of("stream", s),
                new AtomicLong())).set(Duration.between(cursor, Instant.now()).getSeconds());
    }
}
