package io.freshdeskbigquery.destination.duckdb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.WriteResult;
import org.apache.camel.builder.RouteBuilder;

/**
 * The DuckDB sink, when {@code destination.type=duckdb}: a page's rows go through DuckDB's appender into
 * {@code <stream>_changes} and are upserted into {@code <stream>} in the same transaction, so the current table is
 * up to date after every write and the MERGE endpoint has nothing to do.
 */
@ApplicationScoped
public class DuckDbRoutes extends RouteBuilder {

    @Inject
    DestinationConfig config;

    @Override
    public void configure() {
        if (!config.selects("duckdb")) {
            return;
        }
        from(Sink.WRITE).routeId("duckdb-write")
                // failures go to the sync route, which records the run as failed
                .errorHandler(noErrorHandler())
                .process("duckDbAppend");
        from(Sink.MERGE).routeId("duckdb-merge")
                .errorHandler(noErrorHandler())
                .setBody(constant(WriteResult.NONE));
    }
}
