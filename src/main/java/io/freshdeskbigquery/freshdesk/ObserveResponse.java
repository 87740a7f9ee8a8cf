package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Counts the request, hands Freshdesk's {@code X-RateLimit-*} headers to the {@link RateBudget}, notes that Freshdesk
 * answered ({@link FreshdeskAnswered}: the stream's run is alive), and keeps the account's clock from the answer's
 * {@code Date} header ({@value #SERVER_NOW}): the newest {@code updated_at} the account can hold, where a run's progress
 * is measured to (the built-in simulator's clock is not this machine's).
 */
@ApplicationScoped
public class ObserveResponse implements Processor {

    /** Exchange property: the account's clock when it last answered (an {@link Instant}), from its {@code Date}. */
    public static final String SERVER_NOW = "freshdeskServerNow";

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
        Instant serverNow = date(message.getHeader("Date", String.class));
        if (serverNow != null) {
            exchange.setProperty(SERVER_NOW, serverNow);
        }
    }

    /** An HTTP date ({@code Tue, 25 Nov 2026 11:08:49 GMT}), or null when there is none to read. */
    public static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
