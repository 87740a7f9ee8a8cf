package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Counts the request, hands Freshdesk's {@code X-RateLimit-*} headers to the {@link RateBudget}, and notes that
 * Freshdesk answered ({@link FreshdeskAnswered}: the stream's run is alive).
 */
@ApplicationScoped
public class ObserveResponse implements Processor {

    @Inject
    RateBudget budget;
    @Inject
    FreshdeskMetrics metrics;
    @Inject
    Event<FreshdeskAnswered> answered;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        budget.observe(message.getHeader("X-RateLimit-Total", Integer.class),
                message.getHeader("X-RateLimit-Remaining", Integer.class));
        String stream = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class).streamName();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        metrics.request(stream, status);
        answered.fire(new FreshdeskAnswered(stream, status));
    }
}
