package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.WriteResult;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Brings the stream's current table up to date with its history (BigQuery: one MERGE from
 * {@code <stream>_changes}; DuckDB: nothing, its writes already did) and counts what that did.
 */
@ApplicationScoped
@Named("mergeCurrentTable")
public class MergeCurrentTable implements Processor {

    private static final Logger LOG = Logger.getLogger(MergeCurrentTable.class);

    @Inject
    Destination destination;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        long started = System.nanoTime();
        WriteResult result = destination.mergeCurrent(run.stream().table(), run.runId());
        run.merged(result);
        if (result.inserted() + result.updated() > 0) {
            LOG.infof("%s: current table %s brought up to date after %d pages: %d inserted, %d updated (%.1f s)",
                    run.streamName(), run.stream().table().currentTable(), run.pages(), result.inserted(),
                    result.updated(), (System.nanoTime() - started) / 1e9);
        }
    }
}
