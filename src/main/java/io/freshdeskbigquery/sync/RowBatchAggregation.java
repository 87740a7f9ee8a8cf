package io.freshdeskbigquery.sync;

import java.util.ArrayList;
import java.util.List;

import io.freshdeskbigquery.destination.Row;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the rows of a split page into one batch (a {@code List<Row>}). Records the split dropped (already
 * loaded, or unchanged) reach here without having become rows and are left out.
 */
public class RowBatchAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batch, Exchange record) {
        if (batch == null) {
            batch = record;
            // the first record may have been dropped as a duplicate: its "stop" must not end the page's route
            batch.setRouteStop(false);
            List<Row> rows = new ArrayList<>();
            addRow(rows, record.getMessage().getBody());
            batch.getMessage().setBody(rows);
            return batch;
        }
        @SuppressWarnings("unchecked")
        List<Row> rows = batch.getMessage().getBody(List.class);
        addRow(rows, record.getMessage().getBody());
        return batch;
    }

    private static void addRow(List<Row> rows, Object body) {
        if (body instanceof Row row) {
            rows.add(row);
        }
    }
}
