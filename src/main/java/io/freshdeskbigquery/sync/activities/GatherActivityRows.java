package io.freshdeskbigquery.sync.activities;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.sync.write.GatherRows;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A chunk's rows join the batch being gathered ({@link GatherRows#DUE} once it holds {@code sync.write.batch-rows});
 * the cursor the batch may move stays where the days read completely put it ({@link ActivityDayRead}).
 */
@ApplicationScoped
public class GatherActivityRows implements Processor {

    @Inject
    SyncSettings settings;

    @Override
    public void process(Exchange exchange) {
        ActivityRows.Chunk chunk = exchange.getMessage().getBody(ActivityRows.Chunk.class);
        StreamRun run = RunExchange.run(exchange);
        exchange.setProperty(GatherRows.DUE,
                run.pendingBatch().gather(chunk.rows(), run.totals().pages()) >= settings.batchRows());
    }
}
