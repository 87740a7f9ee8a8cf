package io.freshdeskbigquery.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes a page's batch of rows to the destination and counts what it did. */
@ApplicationScoped
@Named("writeRows")
public class WriteRows implements Processor {

    @Inject
    Destination destination;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        List<Row> rows = StreamSyncRoutes.bodyList(exchange).stream()
                .filter(Row.class::isInstance).map(Row.class::cast).toList();
        WriteResult result = destination.write(run.stream().table(), rows, run.runId());
        if (run.verifying() && rows.stream().anyMatch(row -> row.updatedAt().equals(run.pinned()))) {
            run.newRowsAtPinnedSecond();
        }
        run.pageLoaded(page.records().size(), page.records().size() - rows.size(), page.bad().size(), result,
                rows.stream().map(Row::updatedAt).max(java.util.Comparator.naturalOrder()).orElse(null));
    }
}
