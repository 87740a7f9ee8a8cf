package io.freshdeskbigquery.sync.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Lets through records updated at or after the cursor the run resumed from. Freshdesk already filters
 * incremental streams this way; for lists read whole (companies) this is what skips the unchanged records, and for
 * a stream that reads back before its cursor (satisfaction ratings' lookback) the ones it loaded before.
 */
public class ChangedSinceRunStart implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        return !FreshdeskRecords.updatedAt(record).isBefore(RunExchange.run(exchange).resumedFrom());
    }
}
