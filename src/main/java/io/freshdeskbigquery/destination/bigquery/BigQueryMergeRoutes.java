package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.Optional;

import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.JobId;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;

/**
 * The current table brought up to date with the history, by one MERGE, and only when something may be new:
 *
 * <pre>
 * -merge       (the end of a run, and every bigquery.merge.every-batches batches)
 *   how far the last MERGE reached: _sync_state.merged_through, read once per process (with the cursor at
 *     -load-state; alone here when the process has not read it yet)                    → direct:bigquery-sql
 *   no write past it (the cursor's row says how far writes went, written_through; this process made none since):
 *     done, no query, no MERGE (a quiet run's merge costs no job)
 *   else the newest _loaded_at in the history since then                               → direct:bigquery-sql
 *   nothing newer: done, no MERGE (quiet runs do not scan the current table)
 *   MERGE the history rows since then (less {@link BigQuerySettings#MERGE_LOOKBACK}) into {@code <stream>} → direct:bigquery-sql
 *   remember how far it reached: UPDATE _sync_state.merged_through                      → direct:bigquery-sql
 *   → WriteResult (inserted and updated by the MERGE: jobs.get dmlStats)
 * </pre>
 * What the MERGE remembers between calls is {@link MergeMarks}'s.
 */
final class BigQueryMergeRoutes extends SinkRouteBuilder {

    private static final String MERGE_STEPS = "direct:bigquery-merge-steps";
    /** How far the MERGE goes: from (null: the whole history) and through, the newest {@code _loaded_at}. */
    private static final String MERGE_FROM = "bigQueryMergeFrom";
    private static final String MERGE_THROUGH = "bigQueryMergeThrough";

    BigQueryMergeRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        entry("merge", MERGE_STEPS, "BigQuery could not bring the current table of stream %s up to date");
        from(MERGE_STEPS).routeId("bigquery-merge-steps")
                .errorHandler(noErrorHandler())
                .filter(this::mergedThroughUnknown)
                    .process(this::mergedThroughQuery)
                    .to(SQL)
                    .process(this::rememberMergedThrough)
                .end()
                .choice()
                    .when(this::nothingWrittenSinceLastMerge)
                        // the cursor's row says no write went past the last MERGE, and this process made none since:
                        // no query of the history (a quiet run's merge costs no job)
                        .process(this::noMerge)
                    .otherwise()
                        .process(this::newestChangeQuery)
                        .to(SQL)
                        .process(this::mergeRange)
                .end()
                .choice()
                    .when(exchangeProperty(MERGE_THROUGH).isNull())
                        // nothing new to merge; a MERGE earlier in the run may have reached this far before the
                        // stream had its row in _sync_state (a list read whole commits its cursor at the end): its
                        // mark is saved now
                        .filter(this::mergedThroughUnsaved)
                            .process(this::mergedThroughUpdate)
                            .doTry()
                                .to(SQL)
                                .process(this::mergedThroughSaved)
                            .doCatch(Exception.class)
                                .process(this::mergedThroughNotSaved)
                            .end()
                        .end()
                        .setBody(constant(WriteResult.NONE))
                    .endChoice()
                    .otherwise()
                        .process(this::mergeStatement)
                        .doTry()
                            .to(SQL)
                        .doCatch(Exception.class)
                            .process(this::mergeFailed)
                        .end()
                        .process(this::mergeResult)
                        .process(this::mergedThroughUpdate)
                        .doTry()
                            .to(SQL)
                            .process(this::mergedThroughSaved)
                        .doCatch(Exception.class)
                            .process(this::mergedThroughNotSaved)
                        .end()
                        .setBody(variable("mergeResult"))
                .end();
        // @formatter:on
    }

    boolean mergedThroughUnknown(Exchange exchange) {
        return !destination.mergeMarks().knowsMergedThrough(table(exchange).name());
    }

    void mergedThroughQuery(Exchange exchange) {
        sql(exchange, destination.sql().loadMergedThrough(table(exchange).name()), "freshdesk_");
    }

    void rememberMergedThrough(Exchange exchange) {
        destination.mergeMarks()
                .mergedThroughRead(table(exchange).name(),
                        SelectedRows.instant(SelectedRows.single(exchange.getMessage().getBody(), "merged_through")));
    }

    boolean nothingWrittenSinceLastMerge(Exchange exchange) {
        return destination.mergeMarks().nothingWrittenSinceLastMerge(table(exchange).name());
    }

    void noMerge(Exchange exchange) {
        StreamTable table = table(exchange);
        LOG.debugf("%s: no write since the last MERGE (through %s); no MERGE", table.name(),
                destination.mergeMarks().mergedThrough(table.name()).orElse(null));
        exchange.removeProperty(MERGE_THROUGH);
    }

    void newestChangeQuery(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant from = destination.mergeMarks()
                .mergedThrough(table.name())
                .map(r -> r.minus(BigQuerySettings.MERGE_LOOKBACK))
                .orElse(null);
        exchange.setProperty(MERGE_FROM, from);
        sql(exchange, destination.sql().newestChange(table, from), "freshdesk_");
    }

    /** Through the newest {@code _loaded_at} in the history; nothing newer than the last MERGE reached: no MERGE. */
    void mergeRange(Exchange exchange) {
        StreamTable table = table(exchange);
        Optional<Instant> reached = destination.mergeMarks().mergedThrough(table.name());
        Instant newest = SelectedRows.instant(SelectedRows.single(exchange.getMessage().getBody(), "newest"));
        if (newest == null || reached.isPresent() && !newest.isAfter(reached.get())) {
            LOG.debugf("%s: nothing in %s newer than %s; no MERGE", table.name(), table.changesTable(),
                    reached.orElse(null));
            exchange.removeProperty(MERGE_THROUGH);
        } else {
            exchange.setProperty(MERGE_THROUGH, newest);
        }
    }

    void mergeStatement(Exchange exchange) {
        StreamTable table = table(exchange);
        sql(exchange, destination.sql()
                .merge(table, exchange.getProperty(MERGE_FROM, Instant.class),
                        exchange.getProperty(MERGE_THROUGH, Instant.class)),
                "freshdesk_merge_" + table.name() + "_");
    }

    void mergeFailed(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant from = exchange.getProperty(MERGE_FROM, Instant.class);
        Throwable cause = caught(exchange);
        throw new DestinationException("BigQuery MERGE of " + table.changesTable() + " (rows loaded "
                + (from == null ? "" : "from " + from + " ") + "through " + exchange.getProperty(MERGE_THROUGH)
                + ") into " + table.currentTable() + " failed; the rows stay in " + table.changesTable()
                + " and the next MERGE takes them: " + BigQueryFailures.abbreviate(cause.getMessage()), cause);
    }

    /** What the MERGE did: jobs.get's dmlStats of its (last) job; the rows streamed since the last MERGE it did not change were there already. */
    void mergeResult(Exchange exchange) {
        StreamTable table = table(exchange);
        Object body = exchange.getMessage().getBody();
        long inserted = body instanceof Number n ? n.longValue() : 0;
        long updated = 0;
        DmlStats stats = destination
                .dmlStats(exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, JobId.class));
        if (stats != null && stats.getInsertedRowCount() != null && stats.getUpdatedRowCount() != null) {
            inserted = stats.getInsertedRowCount();
            updated = stats.getUpdatedRowCount();
        }
        Instant through = exchange.getProperty(MERGE_THROUGH, Instant.class);
        destination.mergeMarks().merged(table.name(), through);
        long written = destination.mergeMarks().takeStreamed(table.name(), through);
        exchange.setVariable("mergeResult", new WriteResult((int) inserted, (int) updated,
                (int) Math.max(0, written - inserted - updated)));
    }

    /** Harmless: the next MERGE looks at these rows again. */
    void mergedThroughNotSaved(Exchange exchange) {
        StreamTable table = table(exchange);
        LOG.warnf("%s: the MERGE into %s is done but its mark in _sync_state was not saved (%s); the next MERGE"
                + " reads those rows again", table.name(), table.currentTable(),
                BigQueryFailures.abbreviate(String.valueOf(caught(exchange).getMessage())));
    }

    void mergedThroughUpdate(Exchange exchange) {
        StreamTable table = table(exchange);
        Instant through = exchange.getProperty(MERGE_THROUGH, Instant.class);
        sql(exchange, destination.sql()
                .saveMergedThrough(table.name(),
                        through != null
                                ? through
                                : destination.mergeMarks().mergedThrough(table.name()).orElseThrow()),
                "freshdesk_");
    }

    /** The UPDATE changed no row (the stream has no row in {@code _sync_state} yet): it is saved again later. */
    void mergedThroughSaved(Exchange exchange) {
        Object affected = exchange.getMessage().getBody();
        destination.mergeMarks()
                .mergedThroughSaved(table(exchange).name(), !(affected instanceof Number n) || n.longValue() > 0);
    }

    boolean mergedThroughUnsaved(Exchange exchange) {
        return destination.mergeMarks().mergedThroughUnsaved(table(exchange).name());
    }
}
