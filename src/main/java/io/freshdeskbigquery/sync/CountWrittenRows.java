package io.freshdeskbigquery.sync;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Counts what the sink did with a page's batch of rows (the {@value #WRITTEN} variable) in the run. */
@ApplicationScoped
@Named("countWrittenRows")
public class CountWrittenRows implements Processor {

    /** The variable the sink's answer to a write is received into; the batch stays the message body. */
    public static final String WRITTEN = "written";

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        List<Row> rows = StreamSyncRoutes.bodyList(exchange).stream()
                .filter(Row.class::isInstance).map(Row.class::cast).toList();
        WriteResult result = exchange.getVariable(WRITTEN, WriteResult.NONE, WriteResult.class);
        if (!page.records().isEmpty()) {
            run.firstRecordAt(io.freshdeskbigquery.freshdesk.FreshdeskRecords.updatedAt(page.records().get(0)));
        }
        if (run.stream().parent().isPresent()) {
            // a child stream: the records are the page's child records, all written; the parents' page sets the pace
            int childRejected = exchange.getVariable(RejectBadRecords.REJECTED, List.of(), List.class).size();
            run.pageLoaded(rows.size(), 0, page.bad().size() + childRejected, result, page.newest());
            return;
        }
        if (run.verifying() && rows.stream().anyMatch(row -> row.updatedAt().equals(run.pinned()))) {
            run.newRowsAtPinnedSecond();
        }
        run.pageLoaded(page.records().size(), page.records().size() - rows.size(), page.bad().size(), result,
                rows.stream().map(Row::updatedAt).max(Comparator.naturalOrder()).orElse(null));
    }
}
