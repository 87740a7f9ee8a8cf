package io.freshdeskbigquery.sync.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.sync.cursor.RecordKey;
import io.freshdeskbigquery.sync.cursor.SyncStateRepository;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A page's records become its rows, in page order, in one pass over the page: a record updated before the cursor the
 * run resumed from is left out (Freshdesk already filters incremental streams this way; for lists read whole, such as
 * companies, this is what skips the unchanged, and for a stream that reads back before its cursor, satisfaction
 * ratings' lookback, the ones it loaded before), so is a version already loaded (the idempotent repository,
 * {@link SyncStateRepository}, keyed as {@link RecordKey}), and the rest are mapped ({@link RowMapper}), each keeping
 * the text it came in as its {@code record}. The same steps as a split with a filter and an idempotent consumer,
 * without an exchange per record, which bought nothing here and cost more than the mapping itself.
 */
@ApplicationScoped
public class MapPageToRows implements Processor {

    @Inject
    SyncStateRepository loaded;
    @Inject
    RowMapper mapper;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        // the page's good records (the body), with the text each came in
        FreshdeskPage page = RunExchange.page(exchange);
        List<ObjectNode> records = page.records();
        List<Row> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            Instant updatedAt = page.updatedAt(i);
            if (updatedAt.isBefore(run.resumedFrom())) {
                continue;
            }
            long id = FreshdeskRecords.id(record);
            if (!loaded.add(run.streamName(), id, updatedAt)) {
                continue;
            }
            try {
                rows.add(mapper.map(run, record, updatedAt, page.raw(i)));
            } catch (RuntimeException e) {
                // as the idempotent consumer does: a record that failed is not counted as loaded
                loaded.remove(SyncStateRepository.key(run.streamName(), Long.toString(id), updatedAt.toString()));
                throw e;
            }
        }
        exchange.getMessage().setBody(rows);
    }
}
