package io.freshdeskbigquery.freshdesk;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Freshdesk's answer to a day's export request: a 2xx goes on (its links are read next); a 404 says the day's export
 * is not there yet ({@link ActivityExportDay#notReady}); a 401 or 403 means the export cannot be read with this key,
 * and says why as Freshdesk's error {@code code} tells it (not an administrator, the export not enabled or not on the
 * plan): the stream is skipped ({@link FreshdeskHttpException.NotAccessible}). Anything else is an error of its kind,
 * as for a page ({@link CheckHttpStatus}).
 */
@ApplicationScoped
public class CheckExportAnswer implements Processor {

    /** The question the route asks: is the day's answer a 2xx, to be read for its links? */
    public static boolean answered(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        return status >= 200 && status < 300;
    }

    @Inject
    RateLimitWaits rateLimitWaits;
    @Inject
    ObjectMapper json;

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        String body = message.getBody(String.class);
        String code = code(body);
        if (status == 404) {
            day.notReady("HTTP 404" + (code == null ? "" : " (" + code + ")"));
            message.setBody(null);
            return;
        }
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String where = "Stream " + run.streamName() + ", " + day.label() + " ("
                + exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class) + ")";
        if (status == 401 || status == 403) {
            throw new FreshdeskHttpException.NotAccessible(status, where + ": Freshdesk answered HTTP " + status
                    + (body == null || body.isBlank() ? "" : " " + excerpt(body)) + "; " + why(status, code,
                            run.stream().permission()));
        }
        FreshdeskHttpException failure = CheckHttpStatus.classify(where, status, body,
                message.getHeader("Retry-After", String.class), run.stream().permission());
        throw failure instanceof FreshdeskHttpException.RateLimited rateLimited
                ? rateLimitWaits.admit(exchange, where, rateLimited)
                : failure;
    }

    /** Why the export cannot be read, as Freshdesk's error code says. */
    static String why(int status, String code, String permission) {
        if ("require_feature".equals(code)) {
            return "the ticket activity export is not on the account's plan, or not enabled (an administrator enables"
                    + " the scheduled activity export in the admin settings)";
        }
        if ("access_denied".equals(code)) {
            return "the API key's agent is not an administrator: the export needs " + permission;
        }
        if (status == 401) {
            return "Freshdesk does not accept the API key for the export (a key that is wrong fails the other streams"
                    + " too; the export needs " + permission + ")";
        }
        return "the API key may not read the export: it needs " + permission;
    }

    /** Freshdesk's error {@code code} ({@code access_denied}, {@code require_feature}), when the body has one. */
    private String code(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode code = json.readTree(body).path("code");
            return code.isTextual() ? code.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String excerpt(String body) {
        return LogText.abbreviate(Secrets.mask(body.replaceAll("\\s+", " ").trim()), 300);
    }
}
