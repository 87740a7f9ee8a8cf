package io.freshdeskbigquery.destination.bigquery;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;
import org.jboss.logging.Logger;

/**
 * What the BigQuery sink's route builders share ({@link BigQueryRoutes} adds them all): the destination whose
 * statements and memory their steps use; their entry points, {@code <prefix>-<what>} ({@link Sink}), each of which
 * hands a failure back to the sync route as a {@link DestinationException} naming what failed; the endpoints one
 * builder offers the others; and the statement a step hands the SQL route.
 * <p>
 * Package-private, like every builder of the sink: Camel Quarkus makes an instance of each public route builder it
 * finds, and these are made by {@link BigQueryRoutes} only, for its destination.
 */
abstract class SinkRouteBuilder extends RouteBuilder {

    /** The dataset's own tables, made when missing (once per process); the body is left as it is ({@link BigQuerySchemaRoutes}). */
    static final String DATASET = "direct:bigquery-dataset";
    /** The DDL statements of the body, one job each, in order ({@link BigQuerySchemaRoutes}). */
    static final String DDL_LIST = "direct:bigquery-ddl-list";
    /** One insertAll, retried when transient ({@link BigQueryCallRoutes}). */
    static final String INSERT = "direct:bigquery-insert";
    /** One statement, retried when transient, its failure named ({@link BigQueryCallRoutes}). */
    static final String SQL = "direct:bigquery-sql";
    /** The header naming the statement {@link #SQL} runs: {@value #DDL}, or a statement file ({@link BigQuerySql#STATEMENTS}). */
    static final String STATEMENT = "bigQueryStatement";
    static final String DDL = "ddl";
    /** The streams whose rows {@code -read-states} reads ({@code List<String>}); its failure names them. */
    static final String STREAMS = "bigQueryStreams";

    /** The sink's log lines, under one category whichever of its route builders logs them. */
    static final Logger LOG = Logger.getLogger(BigQueryRoutes.class);

    /** What an entry point says when it fails, with %s for the stream. */
    private static final String FAILURE = "bigQueryFailure";

    final BigQueryDestination destination;
    private final String prefix;

    /** Routes that write through the destination; the entry points are {@code <prefix>-<what>} ({@link Sink}). */
    SinkRouteBuilder(BigQueryDestination destination, String prefix) {
        this.destination = destination;
        this.prefix = prefix;
    }

    /** An entry point: its steps, and a failure handed back named ({@link #failed}). */
    final void entry(String what, String steps, String failure) {
        from(prefix + "-" + what).routeId("bigquery-" + what)
                // failures go to the caller, in the end the sync route, which records the run as failed
                .errorHandler(noErrorHandler())
                .doTry()
                .to(steps)
                .doCatch(Exception.class)
                .setProperty(FAILURE, constant(failure))
                .process(this::failed)
                .end()
                // the statements' names and values stay here
                .removeHeaders("*", "Camel*");
    }

    /**
     * Passes a failure of the sink on to the sync route, as a {@link DestinationException} naming what failed. The
     * retrying route that gave up marked the exchange as exhausted and its failure as handled, and the sync route's error
     * handler would then leave the failure alone (the run would not be recorded as failed): those marks are the retrying
     * route's, so they are cleared.
     */
    void failed(Exchange exchange) {
        Throwable cause = caught(exchange);
        exchange.getExchangeExtension().setRedeliveryExhausted(false);
        exchange.getExchangeExtension().setFailureHandled(false);
        exchange.getExchangeExtension().setErrorHandlerHandled(null);
        String stream = streamOf(exchange);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DestinationException failure && failure.getMessage().contains(stream)) {
                throw failure; // it names the stream and what failed already
            }
        }
        throw new DestinationException(
                String.format(exchange.getProperty(FAILURE, "BigQuery failed for stream %s", String.class),
                        stream) + ": " + BigQueryFailures.abbreviate(String.valueOf(cause.getMessage())),
                cause);
    }

    /** The stream the call was for: its tables, or the rejected record's stream. */
    private static String streamOf(Exchange exchange) {
        if (table(exchange) != null) {
            return table(exchange).name();
        }
        Object body = exchange.getMessage().getBody();
        if (exchange.getProperty(STREAMS) instanceof List<?> streams) {
            return streams.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (body instanceof RejectedRecord record) {
            return record.stream();
        }
        return body instanceof Map<?, ?> row && row.get("stream") != null
                ? row.get("stream").toString()
                : "?";
    }

    /** The DDL statement the SQL route runs next, as a job named with the prefix, in the dataset's location. */
    final void sql(Exchange exchange, String ddl, String jobPrefix) {
        exchange.getMessage().setHeader(STATEMENT, DDL);
        exchange.getMessage().setHeader(BigQueryDestination.SQL_HEADER, ddl);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.JOB_ID, destination.jobId(jobPrefix));
    }

    /** The statement file the SQL route runs next, with its names and parameters as headers. */
    final void sql(Exchange exchange, BigQuerySql.Statement statement, String jobPrefix) {
        exchange.getMessage().setHeader(STATEMENT, statement.name());
        statement.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.JOB_ID, destination.jobId(jobPrefix));
    }

    static StreamTable table(Exchange exchange) {
        return exchange.getProperty(Sink.TABLE, StreamTable.class);
    }

    static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }
}
