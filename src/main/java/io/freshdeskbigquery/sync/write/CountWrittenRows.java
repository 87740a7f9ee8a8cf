package io.freshdeskbigquery.sync.write;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Counts what the sink did with a batch of rows (the {@value #WRITTEN} variable) in the run; on the writer's thread. */
@ApplicationScoped
public class CountWrittenRows implements Processor {

    /** The variable the sink's answer to a write is received into; the batch stays the message body. */
    public static final String WRITTEN = "written";

    @Override
    public void process(Exchange exchange) {
        WriteResult result = exchange.getVariable(WRITTEN, WriteResult.NONE, WriteResult.class);
        RunExchange.run(exchange).batchWritten(result, !RunExchange.bodyList(exchange).isEmpty());
    }
}
