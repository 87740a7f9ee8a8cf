package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.sync.run.WriteBatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A batch's write (or its cursor commit) failed on the writer's thread: the run is told, fetches no more pages, and
 * fails with this error once its writer is done ({@link RaiseWriteFailure}). The cursor stays where the last written
 * batch took it, so the next run reads these rows again.
 */
@ApplicationScoped
public class NoteWriteFailure implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        WriteBatch batch = exchange.getProperty(WriteBatch.PROPERTY, WriteBatch.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        run.writeFailed(new DestinationException(run.streamName() + ": writing the rows of " + batch.pages() + " ("
                + batch.rows() + " rows) failed; the cursor stays at " + run.cursor()
                + ", where the rows written end: " + caught.getMessage(), caught));
    }
}
