package io.freshdeskbigquery.sync.activities;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The next day the run reads: the export route asks for it ({@link ActivityExportDay#DATE}). */
@ApplicationScoped
public class AskNextDay implements Processor {

    @Override
    public void process(Exchange exchange) {
        ActivityDays days = exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class);
        exchange.setProperty(ActivityExportDay.DATE, days.next());
    }
}
