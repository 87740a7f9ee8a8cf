package io.freshdeskbigquery.sync.child;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A parent record (a changed ticket) whose child list is to be read: kept as its id and {@code updated_at}. */
@ApplicationScoped
public class KeepChangedParent implements Processor {

    @Override
    public void process(Exchange exchange) {
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        exchange.getMessage()
                .setBody(new ChildPages.Parent(FreshdeskRecords.id(record), FreshdeskRecords.updatedAt(record)));
    }
}
