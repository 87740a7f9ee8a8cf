package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * At the end of a run that read its list whole, or whose list came out of order, every record is now
 * loaded: the cursor moves to the newest {@code updated_at} written. (Ordered runs committed page by page.)
 */
@ApplicationScoped
@Named("commitRunCursor")
public class CommitRunCursor implements Processor {

    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        if (!run.ordered() && run.newestWritten() != null && run.newestWritten().isAfter(run.cursor())) {
            syncState.commit(run.streamName(), run.newestWritten(), run.runId());
            run.cursorCommitted(run.newestWritten());
        }
    }
}
