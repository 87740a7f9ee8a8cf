package io.freshdeskbigquery.sync.cursor;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.sync.run.StartStreamRun;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The run starts where the stream's committed state (the {@value #COMMITTED} variable, as the sink read it) says: from
 * its cursor, knowing the keys already loaded at the cursor's second; a stream never committed starts at
 * {@code sync.start-date}.
 */
@ApplicationScoped
public class ResumeFromCursor implements Processor {

    /** The variable the sink's answer to {@code Sink.LOAD_STATE} is received into. */
    public static final String COMMITTED = "committed";

    private static final Logger LOG = Logger.getLogger(ResumeFromCursor.class);

    @Inject
    SyncStateRepository syncState;
    @Inject
    SyncSettings settings;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        FreshdeskStream stream = settings.stream(exchange.getProperty(StartStreamRun.STREAM_PROPERTY, String.class));
        String runId = exchange.getProperty(Sink.RUN_ID, String.class);
        Instant cursor = syncState.begin(stream.streamName(), exchange.getVariable(COMMITTED, SyncState.class),
                settings.startDate());
        StreamRun run = new StreamRun(stream, runId, cursor);
        exchange.setProperty(StreamRun.PROPERTY, run);
        // the run asks for its pages itself
        exchange.setProperty(PageAsk.PROPERTY, run);
        runs.started(stream.streamName(), runId);
        LOG.infof("%s: run %s started, cursor %s (%s)", stream.streamName(), runId, cursor,
                stream.parent().isPresent()
                        ? (stream.listed().incremental()
                                ? "the " + stream.listed().streamName()
                                        + " changed since the cursor, each one's " + stream.streamName()
                                : "every one of the "
                                        + stream.listed().streamName() + ", its " + stream.streamName()
                                        + "; unchanged ones skipped")
                        : stream.incremental()
                                ? "changes since the cursor"
                                : "whole list, unchanged records skipped");
    }
}
