package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Runs before each redelivery of a page: counts it in the metrics. */
@ApplicationScoped
@Named("countRetry")
public class CountRetry implements Processor {

    @Inject
    SyncMetrics metrics;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        if (run != null) {
            metrics.retry(run.streamName());
        }
    }
}
