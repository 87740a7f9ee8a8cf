package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A page whose body is not JSON (cut off, an HTML error page from a proxy): fails the fetch with a message naming
 * the stream, the page and what the JSON reader found, so the stream's retry policy asks for the page again.
 */
@ApplicationScoped
@Named("rejectMalformedPage")
public class RejectMalformedPage implements Processor {

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String url = exchange.getProperty(PageRequest.URL_PROPERTY, String.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String problem = caught instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(caught);
        throw new FreshdeskPageException(run.where(url) + ": the response is not valid JSON (" + problem + ")", caught);
    }
}
