package io.freshdeskbigquery.sync.page;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.sync.run.KeysetPosition;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Counts a page read in the run (its records, those already loaded, its bad records, the newest row mapped from it),
 * and notes what the page tells about the list: where the data begins, whether it came in {@code updated_at} order
 * (if not, the cursor waits for the end of the list), and whether the second being paged through by offset had new
 * records. Its rows (the body) are then gathered into a write batch.
 */
@ApplicationScoped
public class CountPageRecords implements Processor {

    private static final Logger LOG = Logger.getLogger(CountPageRecords.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        FreshdeskPage page = RunExchange.page(exchange);
        List<Row> rows = RunExchange.bodyList(exchange)
                .stream()
                .filter(Row.class::isInstance)
                .map(Row.class::cast)
                .toList();
        if (!page.records().isEmpty()) {
            run.firstRecordAt(FreshdeskRecords.updatedAt(page.records().get(0)));
        }
        if (run.position().ordered() && !page.ordered()) {
            run.position().unordered();
            LOG.warnf("%s: Freshdesk answered page %d out of updated_at order; the cursor will move when the"
                    + " whole list has been read", run.streamName(), run.pageOfRun());
        }
        if (run.stream().parent().isPresent()) {
            // a child stream: the records are the page's child records, all to be written; the parents' page sets the pace
            int childRejected = exchange.getVariable(RejectBadRecords.REJECTED, List.of(), List.class).size();
            run.pageRead(rows.size(), 0, page.bad().size() + childRejected, page.newest());
            return;
        }
        KeysetPosition position = run.position();
        if (position.verifying() && rows.stream().anyMatch(row -> row.updatedAt().equals(position.pinned()))) {
            position.newRowsAtPinnedSecond();
        }
        // a row dated ahead of the clock is written, but moves no cursor (CapCursorAtClock)
        run.pageRead(page.records().size(), page.records().size() - rows.size(), page.bad().size(),
                rows.stream()
                        .map(Row::updatedAt)
                        .filter(updatedAt -> !run.aheadOfClock(updatedAt))
                        .max(Comparator.naturalOrder())
                        .orElse(null));
    }
}
