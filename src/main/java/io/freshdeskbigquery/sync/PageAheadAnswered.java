package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The page fetched ahead has its answer, or its failure (kept in {@link Exchange#EXCEPTION_CAUGHT} for the loop to
 * meet as its own): the loop's next turn can take it ({@link TakePageFetchedAhead}).
 */
@ApplicationScoped
@Named("pageAheadAnswered")
public class PageAheadAnswered implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getProperty(PageAhead.PROPERTY, PageAhead.class).answer().complete(exchange);
    }
}
