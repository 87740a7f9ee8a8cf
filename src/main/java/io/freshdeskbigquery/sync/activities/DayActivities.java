package io.freshdeskbigquery.sync.activities;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.freshdesk.ActivityExportDay;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The day's files become the body as chunks of rows ({@link ActivityRows}, an iterator the route splits, streaming),
 * of {@code sync.write.batch-rows} rows each: the day is never held as rows whole.
 */
@ApplicationScoped
public class DayActivities implements Processor {

    @Inject
    ObjectMapper json;
    @Inject
    SyncSettings settings;

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage()
                .setBody(new ActivityRows(exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class),
                        exchange.getProperty(ActivityDays.PROPERTY, ActivityDays.class), RunExchange.run(exchange),
                        json, settings.batchRows()));
    }
}
