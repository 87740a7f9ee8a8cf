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
 * The one place a stream's cursor moves, always after the rows up to it were written. The route calls it after each
 * page's write, again once the next request is planned (a second that filled more than a page may just have been
 * verified, and the cursor held at it catches up), and once more when the run ends.
 * <ul>
 * <li>An ordered incremental run: every record up to the page's newest {@code updated_at} is loaded, so the cursor
 * goes there, held at a second that is still being paged through by offset ({@link PlanNextPage}).</li>
 * <li>A list read whole, or one that came out of order: a page proves nothing about the records not yet read, so
 * the cursor moves only when the whole list has been read, to the newest {@code updated_at} written.</li>
 * </ul>
 * A cursor and boundary keys equal to the last ones saved are not written again ({@link SyncStateRepository}).
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
        if (run.ordered() && page != null && !page.ordered()) {
            run.unordered();
            LOG.warnf("%s: Freshdesk answered page %d out of updated_at order; the cursor will move when the"
                    + " whole list has been read", run.streamName(), run.page());
        }
        if (run.ordered()) {
            if (page != null && page.newest() != null) {
                Instant newest = run.pinned() != null && page.newest().isAfter(run.pinned()) ? run.pinned() : page.newest();
                commit(run, newest.isAfter(run.cursor()) ? newest : run.cursor());
            }
        } else if (!run.hasMore() && run.newestWritten() != null && run.newestWritten().isAfter(run.cursor())) {
            commit(run, run.newestWritten());
        }
    }

    private void commit(StreamRun run, Instant cursor) {
        syncState.commit(run.streamName(), cursor, run.runId());
        run.cursorCommitted(cursor);
    }
}
