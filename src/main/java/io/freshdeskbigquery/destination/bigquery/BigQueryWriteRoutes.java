package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.bigquery.BigQueryException;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;

/**
 * Rows in, by insertAll ({@link InsertAllRows}): a page's rows into the history, {@code <stream>_changes}, and a
 * rejected record into {@code _rejected}.
 *
 * <pre>
 * -write       (a page's rows)
 *   rows → {@code <stream>_changes} rows, in insertAll requests of ≤ insert.max-rows rows and ≤ insert.max-bytes
 *   split: each request → direct:bigquery-insert-rows
 *     try      direct:bigquery-insert → google-bigquery: (insertAll, retried when transient)
 *     refused  → direct:bigquery-refused-rows
 *                one row: → direct:bigquery-insert → google-bigquery: (_rejected)
 *                more:    split in halves → direct:bigquery-insert-rows (the refused rows are found by halving)
 *   → WriteResult (rows refused); once insertAll took them, the rows are safely kept and the cursor may pass them
 * -reject      the record as a _rejected row (_rejected made first when missing: direct:bigquery-dataset)
 *                                                                          → direct:bigquery-insert
 * </pre>
 * Each write tells {@link MergeMarks} what it streamed: the MERGE looks at the history only when something may be new.
 */
final class BigQueryWriteRoutes extends SinkRouteBuilder {

    private static final String INSERT_ROWS = "direct:bigquery-insert-rows";
    private static final String REFUSED_ROWS = "direct:bigquery-refused-rows";

    /** The insertAll request being tried ({@code List<Change>}). */
    private static final String REQUEST = "bigQueryInsertRequest";
    /** How many of the page's rows BigQuery refused ({@link AtomicInteger}, shared by the split's parts). */
    private static final String REFUSED = "bigQueryRefusedRows";

    BigQueryWriteRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        entry("write", "direct:bigquery-write-steps", "BigQuery could not take the rows of stream %s");
        from("direct:bigquery-write-steps").routeId("bigquery-write-steps")
                .errorHandler(noErrorHandler())
                .process(this::toInsertRequests)
                .split(body()).stopOnException()
                    .to(INSERT_ROWS)
                .end()
                .process(this::writeResult);

        from(INSERT_ROWS).routeId("bigquery-insert-rows")
                .errorHandler(noErrorHandler())
                .setProperty(REQUEST, body())
                .doTry()
                    .process(this::toInsertAllBody)
                    .to(INSERT)
                .doCatch(Exception.class).onWhen(this::rowsRefused)
                    .to(REFUSED_ROWS)
                .doCatch(Exception.class)
                    .process(this::insertFailed)
                .end();

        from(REFUSED_ROWS).routeId("bigquery-refused-rows")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(this::oneRow)
                        .process(this::toRejectedRow)
                        .to(INSERT)
                    .otherwise()
                        .process(this::halves)
                        .split(body()).stopOnException()
                            .to(INSERT_ROWS)
                        .end()
                .end();

        entry("reject", "direct:bigquery-reject-steps", "Cannot record a rejected record of stream %s in BigQuery");
        from("direct:bigquery-reject-steps").routeId("bigquery-reject-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::toRejectedRecordRow)
                .to(INSERT);
        // @formatter:on
    }

    /** The page's rows as {@code <stream>_changes} rows, all with one {@code _loaded_at}, in insertAll-sized requests. */
    void toInsertRequests(Exchange exchange) {
        StreamTable table = table(exchange);
        List<Row> rows = rows(exchange);
        // BigQuery keeps microseconds: the MERGE's _loaded_at bounds then compare exactly with what was stored
        Instant loadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        exchange.setProperty(REFUSED, new AtomicInteger());
        exchange.setVariable("rowCount", rows.size());
        exchange.setVariable("loadedAt", loadedAt);
        if (!rows.isEmpty()) {
            destination.mergeMarks().writing(table.name(), loadedAt);
        }
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, table.changesTable());
        exchange.getMessage()
                .setBody(InsertAllRows.requests(InsertAllRows.changes(table, rows, loadedAt,
                        exchange.getProperty(Sink.RUN_ID, String.class)), destination.settings()));
    }

    void toInsertAllBody(Exchange exchange) {
        exchange.getMessage()
                .setBody(new ArrayList<>(request(exchange).stream().map(InsertAllRows.Change::json).toList()));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, table(exchange).changesTable());
        exchange.getMessage().removeHeader(GoogleBigQueryConstants.INSERT_ID);
    }

    /** The rows insertAll refused count as rejected (they are in {@code _rejected}); the MERGE counts the others. */
    void writeResult(Exchange exchange) {
        int rows = exchange.getVariable("rowCount", 0, Integer.class);
        int refused = exchange.getProperty(REFUSED, AtomicInteger.class).get();
        destination.mergeMarks()
                .streamed(table(exchange).name(), exchange.getVariable("loadedAt", Instant.class), rows - refused);
        exchange.getMessage().setBody(new WriteResult(0, 0, 0, refused));
    }

    /**
     * BigQuery refused rows of the request for a reason of their own (insertErrors; it then takes none of the
     * request's rows). A transient reason was retried by the insert route already; a lasting one is not the rows'.
     */
    boolean rowsRefused(Exchange exchange) {
        Throwable cause = caught(exchange);
        String message = String.valueOf(cause.getMessage());
        return !(cause instanceof BigQueryException) && message.startsWith("InsertAll into")
                && !BigQueryFailures.transientRowErrors(message);
    }

    boolean oneRow(Exchange exchange) {
        return request(exchange).size() == 1;
    }

    void halves(Exchange exchange) {
        List<InsertAllRows.Change> request = request(exchange);
        int half = request.size() / 2;
        exchange.getMessage().setBody(List.of(request.subList(0, half), request.subList(half, request.size())));
    }

    void toRejectedRow(Exchange exchange) {
        StreamTable table = table(exchange);
        InsertAllRows.Change refused = request(exchange).get(0);
        String reason = String.valueOf(caught(exchange).getMessage());
        LOG.warnf("%s: BigQuery refused row %s; it is kept in _rejected: %s", table.name(), refused.insertId(),
                BigQueryFailures.abbreviate(reason));
        exchange.getProperty(REFUSED, AtomicInteger.class).incrementAndGet();
        exchange.getMessage()
                .setBody(InsertAllRows.rejectedRow(new RejectedRecord(table.name(), null,
                        "BigQuery insertAll into " + table.changesTable() + " refused the row: " + reason,
                        refused.row().recordJson(), exchange.getProperty(Sink.RUN_ID, String.class))));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, BigQuerySql.REJECTED);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.INSERT_ID, "rejected:" + UUID.randomUUID());
    }

    void insertFailed(Exchange exchange) {
        List<InsertAllRows.Change> request = request(exchange);
        Throwable cause = caught(exchange);
        throw new DestinationException("BigQuery insertAll of " + request.size() + " rows into "
                + table(exchange).changesTable() + " failed (ids " + request.get(0).row().id() + ".."
                + request.get(request.size() - 1).row().id() + "): " + cause.getMessage(), cause);
    }

    void toRejectedRecordRow(Exchange exchange) {
        RejectedRecord record = exchange.getMessage().getBody(RejectedRecord.class);
        exchange.getMessage().setBody(InsertAllRows.rejectedRow(record));
        exchange.getMessage().setHeader(GoogleBigQueryConstants.TABLE_ID, BigQuerySql.REJECTED);
        exchange.getMessage().setHeader(GoogleBigQueryConstants.INSERT_ID, "rejected:" + UUID.randomUUID());
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof List<?> list ? (List<Row>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<InsertAllRows.Change> request(Exchange exchange) {
        return exchange.getProperty(REQUEST, List.class);
    }
}
