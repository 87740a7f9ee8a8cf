package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** Opens a run of a stream: creates its tables if needed and reads its committed cursor. */
@ApplicationScoped
@Named("startStreamRun")
public class StartStreamRun implements Processor {

    public static final String STREAM_PROPERTY = "stream";
    private static final Logger LOG = Logger.getLogger(StartStreamRun.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Destination destination;
    @Inject
    SyncStateRepository syncState;
    @Inject
    SyncSettings settings;
    @Inject
    SyncRuns runs;

    @Override
    public void process(Exchange exchange) {
        FreshdeskStream stream = FreshdeskStream.require(exchange.getProperty(STREAM_PROPERTY, String.class));
        destination.prepare(stream.table());
        Instant cursor = syncState.begin(stream.streamName(), settings.startDate());
        String runId = stream.streamName() + "-" + RUN_ID.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        exchange.setProperty(StreamRun.PROPERTY, new StreamRun(stream, runId, cursor));
        // what the sink's endpoints read
        exchange.setProperty(Sink.TABLE, stream.table());
        exchange.setProperty(Sink.RUN_ID, runId);
        runs.started(stream.streamName(), runId);
        LOG.infof("%s: run %s started, cursor %s (%s)", stream.streamName(), runId, cursor,
                stream.incremental() ? "changes since the cursor" : "whole list, unchanged records skipped");
    }
}
