package io.freshdeskbigquery.sync.run;

import java.util.List;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;

/**
 * What a stream's run keeps on its exchange, read the same way by every processor and predicate of the sync: the run
 * ({@link StreamRun}), the page just fetched ({@link FreshdeskPage}) and the body as a list.
 */
public final class RunExchange {

    private RunExchange() {
    }

    /** The run the exchange belongs to. */
    public static StreamRun run(Exchange exchange) {
        return exchange.getProperty(StreamRun.PROPERTY, StreamRun.class);
    }

    /** The page the run fetched last. */
    public static FreshdeskPage page(Exchange exchange) {
        return exchange.getProperty(FreshdeskPage.PROPERTY, FreshdeskPage.class);
    }

    /** The body as a list; anything else as an empty one. */
    public static List<?> bodyList(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof List<?> list ? list : List.of();
    }
}
