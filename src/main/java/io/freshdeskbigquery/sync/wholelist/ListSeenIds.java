package io.freshdeskbigquery.sync.wholelist;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lists the ids the complete read found as the message body, for the sink to mark the rows gone from the list
 * ({@code Sink.MARK_VANISHED}).
 */
@ApplicationScoped
public class ListSeenIds implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        exchange.getMessage().setBody(new SeenIds(run.stream().table(), run.seenIds()));
    }
}
