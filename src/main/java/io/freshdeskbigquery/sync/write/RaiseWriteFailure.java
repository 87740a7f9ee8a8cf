package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** After the run's last batch was written: a write that failed on the writer's thread fails the run now. */
@ApplicationScoped
public class RaiseWriteFailure implements Processor {

    @Override
    public void process(Exchange exchange) {
        RuntimeException failure = RunExchange.run(exchange).writeFailure();
        if (failure != null) {
            throw failure;
        }
    }
}
