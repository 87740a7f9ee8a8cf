package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The answer of an export file's host: a 2xx is the file. Anything else (an expired or refused link, a 5xx of the
 * storage) is retried as a page that could not be read is, by asking for the whole day again, which gets fresh links.
 * The answer, whatever it is, shows the run is alive ({@link FreshdeskAnswered}).
 */
@ApplicationScoped
public class CheckExportFileAnswer implements Processor {

    @Inject
    Event<FreshdeskAnswered> answered;

    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        answered.fire(new FreshdeskAnswered(run.streamName(), status));
        if (status >= 200 && status < 300) {
            return;
        }
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        throw new FreshdeskPageException("Stream " + run.streamName() + ", " + day.label() + ", "
                + exchange.getProperty(AskExportFile.SHOWN, String.class) + ": the file's host answered HTTP "
                + status + " (an expired link, or the storage failing); the day's export is asked for again");
    }
}
