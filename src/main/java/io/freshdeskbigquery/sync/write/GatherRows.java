package io.freshdeskbigquery.sync.write;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.page.PlanNextPage;
import io.freshdeskbigquery.sync.run.PendingBatch;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After the next request is planned: the page's rows join the batch being gathered, and how far the pages read take
 * the cursor is worked out (it moves there only once their rows are written):
 * <ul>
 * <li>An ordered incremental run: every record up to the page's newest {@code updated_at} is read, so there, held at
 * a second that is still being paged through by offset ({@link PlanNextPage}).</li>
 * <li>A list read whole, or one that came out of order: a page proves nothing about the records not yet read, so only
 * when the whole list has been read, to the newest {@code updated_at} read.</li>
 * <li>A child of a list read whole (canned responses of their folders) reads every parent every run: no cursor (it
 * would only make the next run skip parents whose children changed).</li>
 * </ul>
 * Sets {@value #DUE} when the batch holds {@code sync.write.batch-rows} rows or more.
 */
@ApplicationScoped
public class GatherRows implements Processor {

    /** Exchange property: the batch gathered is big enough to be handed to the writer now. */
    public static final String DUE = "writeBatchDue";

    @Inject
    SyncSettings settings;
    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        FreshdeskPage page = RunExchange.page(exchange);
        Instant reached = null;
        if (run.keepsCursor()) {
            if (run.position().ordered()) {
                if (page.newest() != null) {
                    Instant pinned = run.position().pinned();
                    reached = pinned != null && page.newest().isAfter(pinned) ? pinned : page.newest();
                }
            } else if (!run.hasMore() && run.newestWritten() != null) {
                reached = run.newestWritten();
            }
        }
        if (reached != null) {
            // the keys loaded at the cursor's second, as they are now: the next pages add keys of records not written yet
            PendingBatch batch = run.pendingBatch();
            batch.readThroughState(syncState.snapshot(run.streamName(), batch.readThrough(reached), run.runId()));
        }
        @SuppressWarnings("unchecked")
        List<Row> rows = (List<Row>) RunExchange.bodyList(exchange);
        exchange.setProperty(DUE, run.pendingBatch().gather(rows, run.totals().pages()) >= settings.batchRows());
    }
}
