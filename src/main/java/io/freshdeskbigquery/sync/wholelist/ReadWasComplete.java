package io.freshdeskbigquery.sync.wholelist;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.jboss.logging.Logger;

/**
 * True when a list read whole was read to its last page with every record usable: only such a read may say a row
 * is gone. A run stopped early (shutdown), one that set records aside as bad (their ids are unknown), or one that
 * found no record at all (an empty answer proves nothing) marks nothing.
 */
@ApplicationScoped
public class ReadWasComplete implements Predicate {

    private static final Logger LOG = Logger.getLogger(ReadWasComplete.class);

    @Override
    public boolean matches(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        if (!run.stream().readWhole() || run.hasMore()) {
            return false;
        }
        if (run.totals().rejected() > 0 || !run.sawRecords()) {
            LOG.warnf("%s: the read %s; no row is marked gone this run", run.streamName(),
                    run.totals().rejected() > 0 ? "set records aside as bad" : "found no record");
            return false;
        }
        return true;
    }
}
