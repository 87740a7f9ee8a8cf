package io.freshdeskbigquery.freshdesk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the GET of the next page of a stream: path, query ({@code per_page=100}, the stream's
 * {@code updated_since} filter and order, the page) and Basic auth with the API key. Only Camel's own
 * headers and {@code Authorization} go out; the key never lands in the URL, a log or an exception.
 */
@ApplicationScoped
public class PreparePageRequest implements Processor {

    public static final String URL_PROPERTY = "freshdeskPageUrl";
    public static final int PER_PAGE = 100;

    private final FreshdeskSettings settings;
    private final String authorization;

    @Inject
    public PreparePageRequest(FreshdeskSettings settings) {
        this.settings = settings;
        // masked in every log line and error text from now on (the log filter knows a configured key from the start)
        Secrets.register(settings.apiKey());
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((settings.apiKey() + ":X").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        // a page that could not be read is asked for in smaller pieces of the same window (PageIsolation)
        PageIsolation isolation = exchange.getProperty(PageIsolation.PROPERTY, PageIsolation.class);
        PageIsolation.Piece piece = isolation == null ? null : isolation.current();
        String query = piece == null ? query(run) : query(run, piece.size(), piece.page());
        prepareGet(exchange, run.path(), query);
    }

    /** The GET of {@code path?query} on the account's API with Basic auth, as a page's; any other request's too. */
    void prepareGet(Exchange exchange, String path, String query) {
        String baseUrl = settings.baseUrl();
        exchange.setProperty(URL_PROPERTY, baseUrl + "/" + path + (query.isEmpty() ? "" : "?" + query));
        var message = exchange.getMessage();
        // nothing of an earlier answer goes out again; Camel's own headers (the redelivery counter) stay
        message.removeHeaders("*", "Camel*");
        message.setBody(null);
        // the producer reads it as its enum: given as one, no type converter is looked up for every request
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
        message.setHeader(Exchange.HTTP_URI, baseUrl);
        message.setHeader(Exchange.HTTP_PATH, path);
        message.setHeader(Exchange.HTTP_QUERY, query);
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", authorization);
    }

    static String query(PageAsk run) {
        return query(run, PER_PAGE, run.page());
    }

    /** The query of {@code run}'s list with another page size and page (the same filter and order). */
    static String query(PageAsk run, int perPage, int page) {
        FreshdeskStream stream = run.listed();
        if (stream.oneObject()) {
            // one object, not a list: nothing to page
            return "";
        }
        StringBuilder query = new StringBuilder("per_page=").append(perPage);
        if (stream.incremental() && run.since() != null) {
            query.append('&').append(stream.sinceParameter()).append('=').append(run.since());
        }
        if (!stream.filterParameters().isEmpty()) {
            query.append('&').append(stream.filterParameters());
        }
        if (!stream.orderParameters().isEmpty()) {
            query.append('&').append(stream.orderParameters());
        }
        return query.append("&page=").append(page).toString();
    }
}
