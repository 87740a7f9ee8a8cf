package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.SyncState;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The batch gathered so far becomes the message (its rows the body, a {@link WriteBatch} the property) for the
 * stream's writer, with the cursor state its write allows to save, taken now: the cursor the pages read reach and the
 * keys loaded at its second. With {@link CommitCursor#FINAL} set, the batch is the run's last.
 */
@ApplicationScoped
@Named("handOverBatch")
public class HandOverBatch implements Processor {

    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        SyncState cursor = run.keepsCursor() ? syncState.toCommit(run.streamName(), run.readThrough(), run.runId()) : null;
        exchange.setProperty(WriteBatch.PROPERTY, new WriteBatch(run.pendingFirstPage(), run.pendingLastPage(), cursor,
                exchange.getProperty(CommitCursor.FINAL, false, Boolean.class)));
        exchange.getMessage().setBody(run.takeRows());
        exchange.removeProperty(GatherRows.DUE);
    }
}
