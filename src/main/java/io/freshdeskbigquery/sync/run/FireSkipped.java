package io.freshdeskbigquery.sync.run;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * A stream's schedule fired while the stream's run before still went on: that fire is skipped, with a line saying so,
 * and the next run starts at the schedule's next fire (not right after the long one ends, as Quartz would have it).
 */
@ApplicationScoped
public class FireSkipped implements Processor {

    private static final Logger LOG = Logger.getLogger(FireSkipped.class);

    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        String stream = exchange.getProperty(StartStreamRun.STREAM_PROPERTY, String.class);
        SyncRuns.Running running = runs.running().get(stream);
        Date due = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        Date next = exchange.getMessage().getHeader("nextFireTime", Date.class);
        LOG.infof("%s: the run due at %s is skipped: run %s, started %s, still goes on; the next run is due at %s",
                stream, due == null ? "now" : due.toInstant(), running == null ? "before it" : running.runId(),
                running == null ? "earlier" : running.since(),
                next == null ? "the schedule's next fire" : next.toInstant());
    }
}
