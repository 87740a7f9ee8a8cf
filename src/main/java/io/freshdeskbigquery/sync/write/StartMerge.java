package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Starts a merge (handed to the stream's merges, or run in place while the application stops): the batches since the
 * last one count anew, and the message's rows (the writer's batch, written and committed) do not go with it: a merge
 * reads the history.
 */
@ApplicationScoped
public class StartMerge implements Processor {

    @Override
    public void process(Exchange exchange) {
        RunExchange.run(exchange).totals().mergeHandedOver();
        exchange.getMessage().setBody(null);
    }
}
