package io.freshdeskbigquery.sync.write;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.sync.cursor.CommitCursor;
import io.freshdeskbigquery.sync.run.PendingBatch;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.WriteBatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The batch gathered so far becomes the message (its rows the body, a {@link WriteBatch} the property) for the
 * stream's writer, with the cursor state its write allows to save: the cursor the pages read reach and the keys loaded
 * at its second, as {@link GatherRows} took them when the last of those pages was done. With {@link CommitCursor#FINAL}
 * set, the batch is the run's last.
 */
@ApplicationScoped
public class HandOverBatch implements Processor {

    @Override
    public void process(Exchange exchange) {
        PendingBatch batch = RunExchange.run(exchange).pendingBatch();
        int firstPage = batch.firstPage();
        int lastPage = batch.lastPage();
        List<Row> rows = batch.takeRows();
        exchange.setProperty(WriteBatch.PROPERTY,
                new WriteBatch(firstPage, lastPage, rows.size(), batch.readThroughState(),
                        exchange.getProperty(CommitCursor.FINAL, false, Boolean.class)));
        exchange.getMessage().setBody(rows);
        exchange.removeProperty(GatherRows.DUE);
    }
}
