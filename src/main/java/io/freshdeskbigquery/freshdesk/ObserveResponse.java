package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.sync.StreamRun;
import io.freshdeskbigquery.sync.SyncMetrics;
import io.freshdeskbigquery.sync.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Counts the request, hands Freshdesk's {@code X-RateLimit-*} headers to the {@link RateBudget}, and notes that
 * the stream's run is alive (liveness).
 */
@ApplicationScoped
@Named("observeResponse")
public class ObserveResponse implements Processor {

    @Inject
    RateBudget budget;
    @Inject
    SyncMetrics metrics;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        budget.observe(message.getHeader("X-RateLimit-Total", Integer.class),
                message.getHeader("X-RateLimit-Remaining", Integer.class));
        String stream = exchange.getProperty(StreamRun.PROPERTY, StreamRun.class).streamName();
        metrics.request(stream, message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class));
        runs.activity(stream);
    }
}
