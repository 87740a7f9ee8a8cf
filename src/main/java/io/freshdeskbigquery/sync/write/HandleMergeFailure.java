package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.EndFailedRun;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A merge failed. One handed over by the writer is logged: the rows stay in the history, the cursor is unaffected, and
 * the next merge (at the latest the one at the end of the run) takes them. One the run waits for fails it, as before.
 */
@ApplicationScoped
public class HandleMergeFailure implements Processor {

    private static final Logger LOG = Logger.getLogger(HandleMergeFailure.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getProperty(MergeBehind.WAITED, false, Boolean.class)) {
            throw cause;
        }
        StreamRun run = RunExchange.run(exchange);
        LOG.warnf("%s: bringing %s up to date during the run failed (%s); the rows are in %s, and the next merge takes"
                + " them", run.streamName(), run.stream().table().currentTable(), EndFailedRun.describe(cause),
                run.stream().table().changesTable());
    }
}
