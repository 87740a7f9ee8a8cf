package io.freshdeskbigquery.sync.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Opens a run of a stream: names it, and gives the sink's endpoints the stream's tables and the run's id (the route
 * then has the tables created when missing and reads the committed cursor: {@code ResumeFromCursor}).
 */
@ApplicationScoped
public class StartStreamRun implements Processor {

    public static final String STREAM_PROPERTY = "stream";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public void process(Exchange exchange) {
        FreshdeskStream stream = FreshdeskCatalogue.require(exchange.getProperty(STREAM_PROPERTY, String.class));
        exchange.setProperty(Sink.TABLE, stream.table());
        exchange.setProperty(Sink.RUN_ID, stream.streamName() + "-" + RUN_ID.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
