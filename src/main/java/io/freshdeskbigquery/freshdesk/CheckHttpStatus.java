package io.freshdeskbigquery.freshdesk;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Lets a 2xx answer through; turns an HTTP error from Freshdesk into a {@link FreshdeskHttpException} of the
 * right kind, with a message a person can act on.
 */
@ApplicationScoped
public class CheckHttpStatus implements Processor {

    private static final Logger LOG = Logger.getLogger(CheckHttpStatus.class);

    @Inject
    RateLimitWaits rateLimitWaits;

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        if (status == 404 && run instanceof ChildPages.Ask) {
            // the parent went away (deleted) between its list and its child list: it has no children to read
            LOG.warnf("%s: Freshdesk answered 404: the record was deleted after it was listed; nothing to read",
                    run.where(exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class)));
            message.setBody("[]");
            message.removeHeader("Link");
            return;
        }
        String where = run.where(exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class));
        FreshdeskHttpException failure = classify(where, status, message.getBody(String.class),
                message.getHeader("Retry-After", String.class), run.listed().permission());
        // a 429 whose wait is past freshdesk.retry.max-retry-after or the run's max-rate-limited-wait fails the run
        throw failure instanceof FreshdeskHttpException.RateLimited rateLimited
                ? rateLimitWaits.admit(exchange, where, rateLimited)
                : failure;
    }

    /** @param permission what reading the list takes, named in a 403's message */
    static FreshdeskHttpException classify(String where, int status, String body, String retryAfter,
            String permission) {
        String answer = "Freshdesk answered HTTP " + status
                + (body == null || body.isBlank() ? "" : " " + excerpt(body));
        if (status == 401) {
            return new FreshdeskHttpException.Unauthorized(status, where
                    + ": Freshdesk rejected the API key (HTTP 401)."
                    + " Check freshdesk.api-key (env FRESHDESK_API_KEY) and freshdesk.domain / freshdesk.base-url");
        }
        if (status == 403 || status == 404) {
            return new FreshdeskHttpException.NotAccessible(status, where + ": " + answer + (status == 403
                    ? "; the API key's agent may not read this stream"
                            + (permission == null ? "" : ": it needs " + permission)
                    : "; this list is not available on the account (feature or plan)"));
        }
        if (status == 429) {
            return new FreshdeskHttpException.RateLimited(status, where + ": " + answer,
                    RateLimitWaits.parse(retryAfter, Instant.now()), retryAfter);
        }
        if (status >= 500) {
            return new FreshdeskHttpException.ServerError(status, where + ": " + answer);
        }
        return new FreshdeskHttpException(status, where + ": " + answer);
    }

    /**
     * The start of the body, for the log and the health data: a proxy's error page may echo the request, so the API key
     * and any {@code Basic}/{@code Bearer} token are masked, before the cut (a key cut in two would not be recognised).
     */
    private static String excerpt(String body) {
        return LogText.abbreviate(Secrets.mask(body.replaceAll("\\s+", " ").trim()), 300);
    }
}
