package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.freshdesk.PageParser;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The wire tap's copy of the loop's exchange asks for the page ahead: the page route reads {@link PageAsk#PROPERTY},
 * which becomes the {@link PageAhead}'s ask (the run itself goes on moving on the loop's thread), and the current page's
 * retry counts and any failure the loop met before are dropped (a new page starts from zero, as in the loop).
 */
@ApplicationScoped
@Named("askAhead")
public class AskAhead implements Processor {

    @Override
    public void process(Exchange exchange) {
        PageAhead ahead = exchange.getProperty(PageAhead.PROPERTY, PageAhead.class);
        exchange.setProperty(PageAsk.PROPERTY, ahead.ask());
        // a failure the loop met before (a retried page) is not this fetch's: what fails here is kept there for the loop
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        exchange.removeProperty(CountRetry.PAGE_RETRIES);
        exchange.removeProperty(PageParser.BAD_RECORD_RETRIES);
        exchange.getMessage().removeHeaders("CamelRedeliver*");
    }
}
