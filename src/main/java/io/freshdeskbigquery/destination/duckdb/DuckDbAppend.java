package io.freshdeskbigquery.destination.duckdb;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes a page's rows into the DuckDB file (one transaction) and answers what that did to the current table. */
@ApplicationScoped
@Named("duckDbAppend")
public class DuckDbAppend implements Processor {

    @Inject
    Destination destination;

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<Row> rows = exchange.getMessage().getBody(List.class);
        exchange.getMessage().setBody(((DuckDbDestination) destination).write(exchange.getProperty(Sink.TABLE, StreamTable.class),
                rows == null ? List.of() : rows, exchange.getProperty(Sink.RUN_ID, String.class)));
    }
}
