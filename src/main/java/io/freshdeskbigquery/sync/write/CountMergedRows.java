package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Counts what bringing the current table up to date did (the {@value #MERGED} variable: the destination's merge of
 * the history rows written since the last one) and logs it.
 */
@ApplicationScoped
public class CountMergedRows implements Processor {

    /** The variable the sink's answer to a merge is received into. */
    public static final String MERGED = "merged";

    private static final Logger LOG = Logger.getLogger(CountMergedRows.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        WriteResult result = exchange.getVariable(MERGED, WriteResult.NONE, WriteResult.class);
        run.merged(result);
        if (result.inserted() + result.updated() > 0) {
            LOG.infof("%s: current table %s brought up to date after %d pages: %d inserted, %d updated",
                    run.streamName(), run.stream().table().currentTable(), run.totals().pages(), result.inserted(),
                    result.updated());
        }
    }
}
