package io.freshdeskbigquery.sync.wholelist;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** Logs what the sink marked: rows gone from the list ({@code _deleted_at} set) and rows back (cleared). */
@ApplicationScoped
public class LogVanishedRowsMarked implements Processor {

    public static final String MARKED = "vanishedMarked";

    private static final Logger LOG = Logger.getLogger(LogVanishedRowsMarked.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        WriteResult marked = exchange.getVariable(MARKED, WriteResult.NONE, WriteResult.class);
        if (marked.updated() > 0 || marked.inserted() > 0) {
            LOG.infof("%s: %d row(s) gone from the list marked in _deleted_at, %d back", run.streamName(),
                    marked.updated(), marked.inserted());
        }
    }
}
