package io.freshdeskbigquery.sync.wholelist;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The ids the complete read found, for the sink to mark the rows gone from it ({@code Sink.MARK_VANISHED}). */
@ApplicationScoped
public class VanishedRows implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        exchange.getMessage().setBody(new SeenIds(run.stream().table(), run.seenIds()));
    }
}
