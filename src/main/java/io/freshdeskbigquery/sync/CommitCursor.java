package io.freshdeskbigquery.sync;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The one place a stream's cursor moves, always after the rows up to it were written: it decides where the cursor goes
 * and what to save for it, which the route ({@value StreamSyncRoutes#COMMIT_CURSOR}) then sends to the sink and
 * {@link CursorSaved} records. The route calls it after each
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

    /** The variable holding the state the sink is to save ({@code Sink.SAVE_STATE}), when the cursor moved. */
    public static final String TO_SAVE = "cursorToSave";

    private static final Logger LOG = Logger.getLogger(CommitCursor.class);

    /** Exchange property: this commit is the run's last (after its loop, also when the loop was stopped early). */
    public static final String FINAL = "finalCursorCommit";

    @Inject
    SyncStateRepository syncState;
    @Inject
    jakarta.enterprise.inject.Instance<io.freshdeskbigquery.destination.Destination> destination;

    @Override
    public void process(Exchange exchange) {
        exchange.removeVariable(TO_SAVE);
        StreamRun run = StreamSyncRoutes.run(exchange);
        if (run.stream().parent().isPresent() && !run.listed().incremental()) {
            // a child of a list read whole (canned responses of their folders) reads every parent every run: a
            // cursor would only make the next run skip parents whose children changed
            return;
        }
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        if (run.ordered() && page != null && !page.ordered()) {
            run.unordered();
            LOG.warnf("%s: Freshdesk answered page %d out of updated_at order; the cursor will move when the"
                    + " whole list has been read", run.streamName(), run.page());
        }
        if (run.ordered()) {
            if (page != null && page.newest() != null) {
                Instant newest = run.pinned() != null && page.newest().isAfter(run.pinned()) ? run.pinned() : page.newest();
                commit(exchange, run, newest.isAfter(run.cursor()) ? newest : run.cursor());
            }
        } else if (!run.hasMore() && run.newestWritten() != null && run.newestWritten().isAfter(run.cursor())) {
            commit(exchange, run, run.newestWritten());
        }
    }

    /** The state to save goes to the sink next ({@value #TO_SAVE}); nothing new to save: the cursor is where it is. */
    private void commit(Exchange exchange, StreamRun run, Instant cursor) {
        if (run.hasMore() && !exchange.getProperty(FINAL, false, Boolean.class)
                && !run.commitDue(destination.get().commitInterval())) {
            // the destination's commits are costly (BigQuery: a DML job each): this one waits for a later page or the
            // run's end; the rows stay written, and a crash meanwhile only re-reads them
            return;
        }
        SyncState toSave = syncState.toCommit(run.streamName(), cursor, run.runId());
        if (toSave == null) {
            run.cursorUnchanged(cursor);
        } else {
            exchange.setVariable(TO_SAVE, toSave);
        }
    }
}
