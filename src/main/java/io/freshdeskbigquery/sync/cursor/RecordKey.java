package io.freshdeskbigquery.sync.cursor;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/** The idempotency key of a record: {@code <stream>/<id>@<updated_at>}; one version of one record. */
public class RecordKey extends ExpressionAdapter {

    @Override
    public Object evaluate(Exchange exchange) {
        JsonNode record = exchange.getMessage().getBody(JsonNode.class);
        return SyncStateRepository.key(RunExchange.run(exchange).streamName(),
                Long.toString(FreshdeskRecords.id(record)), FreshdeskRecords.updatedAt(record).toString());
    }
}
