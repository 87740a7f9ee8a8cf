package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A merge goes to the stream's merges: the batches since the last one count anew, and the message's rows (the writer's
 * batch, written and committed) do not go with it: a merge reads the history.
 */
@ApplicationScoped
public class MergeHandedOver implements Processor {

    @Override
    public void process(Exchange exchange) {
        RunExchange.run(exchange).totals().mergeHandedOver();
        exchange.getMessage().setBody(null);
    }
}
