package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.EndFailedRun;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Logs that the merge after a failed run failed too: the run's own failure is the one recorded; the rows stay in the
 * history, and the next run's merge brings them into the current table.
 */
@ApplicationScoped
public class LogFailedMergeAfterFailure implements Processor {

    private static final Logger LOG = Logger.getLogger(LogFailedMergeAfterFailure.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warnf(
                "%s: the rows run %s wrote are in %s; bringing %s up to date from them failed too (%s): the next run's"
                        + " merge does it",
                run.streamName(), run.runId(), run.stream().table().changesTable(),
                run.stream().table().currentTable(), EndFailedRun.describe(cause));
    }
}
