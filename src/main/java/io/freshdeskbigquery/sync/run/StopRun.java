package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The paging loop broke off on the application's shutdown ({@code breakOnShutdown}) with pages left: the run stops
 * ({@link RunStopped}) instead of going on as if its list were read to the end. A child stream's page whose child lists
 * were not all read is not taken: the cursor stays before it.
 */
@ApplicationScoped
public class StopRun implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        throw new RunStopped(run.streamName() + ": the application is stopping; run " + run.runId() + " stops after "
                + run.totals().pages() + " pages");
    }
}
