package io.freshdeskbigquery.sync;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Moves the cursor after a page's rows were written. On an ordered incremental stream every record up to
 * the page's newest {@code updated_at} is now loaded, so the cursor goes there. A page out of order (or a
 * list read whole) proves nothing about the records not yet read: the cursor then waits for the end of the
 * run ({@link CommitRunCursor}).
 */
@ApplicationScoped
@Named("commitCursor")
public class CommitCursor implements Processor {

    private static final Logger LOG = Logger.getLogger(CommitCursor.class);

    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        if (run.ordered() && !page.ordered()) {
            run.unordered();
            LOG.warnf("%s: Freshdesk answered page %d out of updated_at order; the cursor will move when the"
                    + " whole list has been read", run.streamName(), run.page());
        }
        if (run.ordered() && page.newest() != null) {
            Instant cursor = page.newest().isAfter(run.cursor()) ? page.newest() : run.cursor();
            syncState.commit(run.streamName(), cursor, run.runId());
            run.cursorCommitted(cursor);
        }
        LOG.infof("%s: page %d: %d records (%d already loaded, %d rejected); %d records so far; cursor %s",
                run.streamName(), run.page(), run.lastPageRecords(), run.lastPageDuplicates(),
                run.lastPageRejected(), run.records(), run.cursor());
    }
}
