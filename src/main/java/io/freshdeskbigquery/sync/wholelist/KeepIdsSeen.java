package io.freshdeskbigquery.sync.wholelist;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Keeps the ids of a page of a list read whole, changed or not: what is not among them at the end is gone. */
@ApplicationScoped
public class KeepIdsSeen implements Processor {

    @Override
    public void process(Exchange exchange) {
        RunExchange.run(exchange).idsSeen(RunExchange.page(exchange).records());
    }
}
