package io.freshdeskbigquery.destination.bigquery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.table.StreamTable;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConnectionFactory;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;
import org.jboss.logging.Logger;

/**
 * The BigQuery destination, written through Camel's {@code google-bigquery} (streaming {@code insertAll})
 * and {@code google-bigquery-sql} (DDL, MERGE, state) components.
 * <ul>
 * <li>{@link #write}: the rows are streamed into {@code <stream>_changes} in requests of at most
 * {@code bigquery.insert.max-rows} rows and {@code bigquery.insert.max-bytes} bytes, each row with the insertId
 * {@code stream:id:updated_at} (also kept in the {@code _insert_id} column). Rows BigQuery refuses are found by
 * re-sending the failed request in halves and kept in {@code _rejected} with BigQuery's reason. Once insertAll
 * took them the rows are safely kept, and the cursor may pass them.</li>
 * <li>{@link #mergeCurrent}, at the end of each stream run and every {@code bigquery.merge.every-batches} batches:
 * one MERGE brings the current table {@code <stream>} up to date from the history rows loaded since the last MERGE
 * reached ({@code _sync_state.merged_through}, less {@link BigQuerySettings#MERGE_LOOKBACK}). Reading the
 * streaming buffer is allowed; the current table itself is only ever written by DML. Rows an earlier run wrote
 * but did not merge (it failed or crashed first) are merged by the next MERGE. With nothing new in the history
 * the MERGE is skipped, so quiet runs do not scan the current table.</li>
 * <li>{@link #loadState}/{@link #saveState}: a SELECT and a MERGE by stream on {@code _sync_state}.</li>
 * <li>Transient failures (5xx, {@code backendError}, {@code rateLimitExceeded}, row errors with a transient reason, a
 * table not visible yet right after its creation (404), DML that lost a race on a table) are retried by one layer
 * only, Camel's redelivery on the BigQuery routes ({@code bigquery.retry.*}): the client itself does not retry,
 * so a lasting failure costs {@code bigquery.retry.max-attempts} calls, not their square.</li>
 * </ul>
 */
public class BigQueryDestination implements Destination {

    /** The registry name of the connection factory the endpoints use. */
    public static final String CONNECTION_FACTORY = "freshdeskBigQueryConnectionFactory";
    /** The header holding the statement the SQL endpoint runs. */
    public static final String SQL_HEADER = "freshdeskBigQuerySql";

    private static final Logger LOG = Logger.getLogger(BigQueryDestination.class);
    private static final Set<String> TRANSIENT_REASONS = Set.of("backendError", "internalError", "rateLimitExceeded",
            "quotaExceeded", "timeout");

    private final BigQuerySettings settings;
    private final BoundaryKeys boundaryKeys;
    private final BigQuery client;
    private final BigQuerySql sql;
    private final ProducerTemplate producer;
    private final String insertUri;
    private final String sqlUri;
    private final String rejectUri;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    /** The tables the dataset had when this process first looked (read once, by {@link #ensureDataset}). */
    private final Set<String> existingTables = ConcurrentHashMap.newKeySet();
    /** Per stream, the newest {@code _loaded_at} the last MERGE reached (read once from {@code _sync_state}). */
    private final Map<String, Optional<Instant>> mergedThrough = new ConcurrentHashMap<>();
    /** Per stream, the rows this process streamed since its last MERGE: what the MERGE did not change was already there. */
    private final Map<String, Long> unmergedRows = new ConcurrentHashMap<>();
    private volatile boolean datasetReady;
    private final CamelContext camel;
    private volatile boolean routesReady;

    public BigQueryDestination(BigQuerySettings settings, BigQuery client, CamelContext camel, BoundaryKeys boundaryKeys) {
        this.boundaryKeys = boundaryKeys;
        this.settings = settings;
        this.client = client;
        this.camel = camel;
        this.sql = new BigQuerySql(settings.projectId(), settings.dataset());
        camel.getRegistry().bind(CONNECTION_FACTORY, GoogleBigQueryConnectionFactory.class,
                new GoogleBigQueryConnectionFactory(client));
        this.producer = camel.createProducerTemplate();
        this.insertUri = "google-bigquery:" + settings.projectId() + ":" + settings.dataset()
                + "?connectionFactory=#" + CONNECTION_FACTORY + "&useAsInsertId=_insert_id";
        this.rejectUri = "google-bigquery:" + settings.projectId() + ":" + settings.dataset()
                + "?connectionFactory=#" + CONNECTION_FACTORY;
        this.sqlUri = "google-bigquery-sql:" + settings.projectId() + ":${" + SQL_HEADER + "}?connectionFactory=#"
                + CONNECTION_FACTORY;
    }

    /**
     * Adds the retrying routes on first use: the destination may be created while Camel is still starting,
     * and routes added then would not be running yet.
     */
    private void ensureRoutes() {
        if (routesReady) {
            return;
        }
        synchronized (this) {
            if (!routesReady) {
                try {
                    camel.addRoutes(new BigQueryRoutes(settings, insertUri, rejectUri, sqlUri,
                            cause -> retryable(cause) || transientRowErrors(String.valueOf(cause.getMessage()))));
                } catch (Exception e) {
                    throw new DestinationException("Cannot set up the BigQuery routes: " + e.getMessage(), e);
                }
                routesReady = true;
            }
        }
    }

    @Override
    public String describe() {
        return "bigquery:" + settings;
    }

    /**
     * Creates the stream's tables when the dataset does not have them yet. Which tables exist is read once per
     * process ({@link #ensureDataset}, one {@code tables.list} call), so a process that finds its tables in place
     * runs no DDL job at all.
     */
    @Override
    public void prepare(StreamTable table) {
        ensureDataset();
        if (prepared.add(table.name())) {
            try {
                if (!existingTables.contains(table.changesTable())) {
                    query(sql.createChanges(table));
                }
                if (!existingTables.contains(table.currentTable())) {
                    query(sql.createCurrent(table));
                }
            } catch (RuntimeException e) {
                prepared.remove(table.name());
                throw new DestinationException("Cannot create the BigQuery tables of stream " + table.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The dataset and its {@code _sync_state} and {@code _rejected} tables, created when missing, and
     * {@code _sync_state.merged_through} added to a table made by an older version. Three metadata calls
     * ({@code datasets.get}, {@code tables.list}, {@code tables.get}) find what is there already: DDL jobs run only
     * for what is missing, not in every process.
     */
    private synchronized void ensureDataset() {
        if (datasetReady) {
            return;
        }
        try {
            DatasetId datasetId = DatasetId.of(settings.projectId(), settings.dataset());
            if (client.getDataset(datasetId) == null) {
                query(sql.createDataset(settings.location()));
            } else {
                client.listTables(datasetId).iterateAll().forEach(t -> existingTables.add(t.getTableId().getTable()));
            }
            if (!existingTables.contains(BigQuerySql.SYNC_STATE)) {
                query(sql.createSyncState());
            } else if (!hasColumn(TableId.of(settings.projectId(), settings.dataset(), BigQuerySql.SYNC_STATE),
                    "merged_through")) {
                query(sql.addMergedThrough());
            }
            if (!existingTables.contains(BigQuerySql.REJECTED)) {
                query(sql.createRejected());
            }
            datasetReady = true;
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot create the BigQuery dataset " + settings.projectId() + "."
                    + settings.dataset() + " or its _sync_state/_rejected tables: " + abbreviate(e.getMessage()), e);
        }
    }

    private boolean hasColumn(TableId tableId, String column) {
        Table table = client.getTable(tableId);
        Schema schema = table == null ? null : table.getDefinition().getSchema();
        return schema != null && schema.getFields().stream().anyMatch(f -> f.getName().equalsIgnoreCase(column));
    }

    @Override
    public WriteResult write(StreamTable table, List<Row> rows, String syncRunId) {
        if (rows.isEmpty()) {
            return WriteResult.NONE;
        }
        // BigQuery keeps microseconds: the MERGE's _loaded_at bounds then compare exactly with what was stored
        Instant loadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int accepted = 0;
        for (List<Change> chunk : chunks(changes(table, rows, loadedAt, syncRunId))) {
            accepted += insert(table, chunk, syncRunId).size();
        }
        unmergedRows.merge(table.name(), (long) accepted, Long::sum);
        // the rows insertAll refused are in _rejected: counted as rejected in the run summary; what the others do
        // to the current table is counted by the MERGE
        return new WriteResult(0, 0, 0, rows.size() - accepted);
    }

    @Override
    public int mergeEveryBatches() {
        return settings.mergeEveryBatches();
    }

    /**
     * MERGEs the history rows loaded since the last MERGE's newest {@code _loaded_at} (less the lookback) into the
     * current table, then records the newest {@code _loaded_at} it reached. Nothing newer in the history: no MERGE.
     */
    @Override
    public WriteResult mergeCurrent(StreamTable table, String syncRunId) {
        prepare(table);
        Optional<Instant> reached = mergedThrough.computeIfAbsent(table.name(), this::loadMergedThrough);
        Instant from = reached.map(r -> r.minus(BigQuerySettings.MERGE_LOOKBACK)).orElse(null);
        Instant newest;
        try {
            newest = instant(single(query(sql.newestChange(table, from)), "newest"));
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot read the newest change of stream " + table.name() + " from "
                    + table.changesTable() + ": " + abbreviate(e.getMessage()), e);
        }
        if (newest == null || reached.isPresent() && !newest.isAfter(reached.get())) {
            LOG.debugf("%s: nothing in %s newer than %s; no MERGE", table.name(), table.changesTable(), reached.orElse(null));
            return WriteResult.NONE;
        }
        Answer merge;
        try {
            merge = run(sql.merge(table, from, newest), jobId("freshdesk_merge_" + table.name() + "_"));
        } catch (RuntimeException e) {
            throw new DestinationException("BigQuery MERGE of " + table.changesTable() + " (rows loaded "
                    + (from == null ? "" : "from " + from + " ") + "through " + newest + ") into " + table.currentTable()
                    + " failed; the rows stay in " + table.changesTable() + " and the next MERGE takes them: "
                    + abbreviate(e.getMessage()), e);
        }
        try {
            query(sql.saveMergedThrough(table.name(), newest));
        } catch (RuntimeException e) {
            // harmless: the next MERGE looks at these rows again
            LOG.warnf("%s: the MERGE into %s is done but its mark in _sync_state was not saved (%s); the next MERGE"
                    + " reads those rows again", table.name(), table.currentTable(), abbreviate(e.getMessage()));
        }
        mergedThrough.put(table.name(), Optional.of(newest));
        long inserted = merge.body() instanceof Number n ? n.longValue() : 0;
        long updated = 0;
        DmlStats stats = dmlStats(merge.job());
        if (stats != null && stats.getInsertedRowCount() != null && stats.getUpdatedRowCount() != null) {
            inserted = stats.getInsertedRowCount();
            updated = stats.getUpdatedRowCount();
        }
        long written = Optional.ofNullable(unmergedRows.remove(table.name())).orElse(0L);
        return new WriteResult((int) inserted, (int) updated, (int) Math.max(0, written - inserted - updated));
    }

    private Optional<Instant> loadMergedThrough(String stream) {
        ensureDataset();
        try {
            return Optional.ofNullable(instant(single(query(sql.loadMergedThrough(stream)), "merged_through")));
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot read how far the current table of stream " + stream
                    + " is merged (_sync_state.merged_through): " + abbreviate(e.getMessage()), e);
        }
    }

    /** The first row a SELECT returned (column name to value); null for none. */
    private static Map<?, ?> firstRow(Object body) {
        return body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> row ? row : null;
    }

    /** The named column of the first row a SELECT returned; null for no row or a NULL value. */
    private static Object single(Object body, String column) {
        Map<?, ?> row = firstRow(body);
        return row == null ? null : row.get(column);
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    @Override
    public Optional<SyncState> loadState(String stream) {
        ensureDataset();
        Object body;
        try {
            body = query(sql.loadState(stream));
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot read the cursor of stream " + stream + " from BigQuery: "
                    + e.getMessage(), e);
        }
        Map<?, ?> row = firstRow(body);
        if (row == null) {
            return Optional.empty();
        }
        Set<String> keys = boundaryKeys.parse(String.valueOf(row.get("boundary_keys")), stream);
        Object runId = row.get("_sync_run_id");
        return Optional.of(new SyncState(stream, instant(row.get("cursor")), keys, runId == null ? null : runId.toString()));
    }

    @Override
    public void saveState(SyncState state) {
        ensureDataset();
        try {
            query(sql.saveState(state.stream(), state.cursor(), boundaryKeys.format(state.boundaryKeys()), state.syncRunId()));
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot commit the cursor of stream " + state.stream() + " to BigQuery: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void reject(RejectedRecord record) {
        ensureDataset();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stream", record.stream());
        putIfNotNull(row, "page_url", record.pageUrl());
        row.put("reason", record.reason());
        putIfNotNull(row, "raw", record.raw());
        putIfNotNull(row, "_sync_run_id", record.syncRunId());
        row.put("rejected_at", Instant.now().toString());
        // an insertId makes the client's own retries of this insert safe
        String insertId = "rejected:" + UUID.randomUUID();
        try {
            retrying("recording a rejected record of stream " + record.stream(), () -> {
                ensureRoutes();
                producer.sendBodyAndHeaders(BigQueryRoutes.REJECT, row, Map.of(GoogleBigQueryConstants.TABLE_ID, "_rejected",
                        GoogleBigQueryConstants.INSERT_ID, insertId));
                return null;
            });
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot record a rejected record of stream " + record.stream()
                    + " in BigQuery: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- insertAll

    /** One row of {@code <stream>_changes}, as sent to insertAll, with its size and its source. */
    record Change(Row row, Map<String, Object> json, int bytes) {
        String insertId() {
            return (String) json.get("_insert_id");
        }
    }

    public static String insertId(String stream, Row row) {
        return stream + ":" + row.id() + ":" + row.updatedAt();
    }

    private List<Change> changes(StreamTable table, List<Row> rows, Instant loadedAt, String syncRunId) {
        List<Change> changes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", row.id());
            json.put("updated_at", row.updatedAt().toString());
            for (Column column : table.columns()) {
                Object value = row.values().get(column.name());
                if (value != null) {
                    json.put(column.name(), switch (column.type()) {
                        case BIGINT -> ((Number) value).longValue();
                        case INTEGER -> ((Number) value).intValue();
                        case BOOLEAN -> value;
                        // JSON columns take their value as a JSON text in the legacy streaming API
                        case VARCHAR, TIMESTAMP, JSON -> value.toString();
                    });
                }
            }
            json.put("record", row.recordJson());
            json.put("_loaded_at", loadedAt.toString());
            json.put("_sync_run_id", syncRunId);
            json.put("_insert_id", insertId(table.name(), row));
            int bytes = 64 + row.recordJson().getBytes(StandardCharsets.UTF_8).length
                    + json.values().stream().mapToInt(v -> 16 + v.toString().length()).sum();
            changes.add(new Change(row, json, bytes));
        }
        return changes;
    }

    /** Requests of at most insert.max-rows rows and insert.max-bytes bytes (a bigger row goes alone). */
    private List<List<Change>> chunks(List<Change> changes) {
        List<List<Change>> chunks = new ArrayList<>();
        List<Change> current = new ArrayList<>();
        long bytes = 0;
        for (Change change : changes) {
            if (!current.isEmpty() && (current.size() >= settings.insertMaxRows()
                    || bytes + change.bytes() > settings.insertMaxBytes())) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(change);
            bytes += change.bytes();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * Streams a chunk; returns the rows BigQuery took. When it refuses rows (insertErrors; BigQuery then takes
     * none of the request's rows), a transient reason is retried with backoff, otherwise the chunk is re-sent
     * in halves until each refused row stands alone and goes to {@code _rejected} with its reason.
     */
    private List<Change> insert(StreamTable table, List<Change> chunk, String syncRunId) {
        try {
            sendRows(table.changesTable(), chunk.stream().map(Change::json).toList());
            return chunk;
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = String.valueOf(cause.getMessage());
            boolean rowErrors = !(cause instanceof BigQueryException) && message.startsWith("InsertAll into");
            if (rowErrors && !transientRowErrors(message)) {
                if (chunk.size() == 1) {
                    Change bad = chunk.get(0);
                    LOG.warnf("%s: BigQuery refused row %s; it is kept in _rejected: %s", table.name(), bad.insertId(),
                            abbreviate(message));
                    reject(new RejectedRecord(table.name(), null, "BigQuery insertAll into " + table.changesTable()
                            + " refused the row: " + message, bad.row().recordJson(), syncRunId));
                    return List.of();
                }
                int half = chunk.size() / 2;
                List<Change> taken = new ArrayList<>(insert(table, chunk.subList(0, half), syncRunId));
                taken.addAll(insert(table, chunk.subList(half, chunk.size()), syncRunId));
                return taken;
            }
            throw new DestinationException("BigQuery insertAll of " + chunk.size() + " rows into "
                    + table.changesTable() + " failed (ids " + chunk.get(0).row().id() + ".."
                    + chunk.get(chunk.size() - 1).row().id() + "): " + message, cause);
        }
    }

    private void sendRows(String table, List<Map<String, Object>> rows) {
        ensureRoutes();
        producer.sendBodyAndHeader(BigQueryRoutes.INSERT, new ArrayList<>(rows), GoogleBigQueryConstants.TABLE_ID, table);
    }

    private static boolean transientRowErrors(String message) {
        return TRANSIENT_REASONS.stream().anyMatch(r -> message.contains("reason=" + r))
                && !message.contains("reason=invalid");
    }

    /**
     * A 404 right after a table's creation is transient too: the streaming backend sees new tables late. So is a
     * DML statement that lost a race with another one on the same table ("Could not serialize access to table …
     * due to concurrent update", "Transaction is aborted due to concurrent update"): the streams of one dataset
     * all write {@code _sync_state}, and BigQuery answers such a conflict with a 400 {@code invalidQuery} (which
     * the SQL component passes on as a plain exception naming the error).
     */
    static boolean retryable(Throwable cause) {
        return cause instanceof BigQueryException bq && (bq.isRetryable() || bq.getCode() == 404 || bq.getCode() >= 500)
                || String.valueOf(cause.getMessage()).contains("due to concurrent update");
    }

    // ---------------------------------------------------------------------------------------------- MERGE

    /** How many rows the MERGE inserted and updated (jobs.get); null when BigQuery does not say. */
    private DmlStats dmlStats(JobId jobId) {
        try {
            Job job = client.getJob(jobId);
            if (job != null && job.getStatistics() instanceof JobStatistics.QueryStatistics statistics) {
                return statistics.getDmlStats();
            }
        } catch (RuntimeException e) {
            LOG.debugf("No DML statistics for job %s: %s", jobId.getJob(), e.getMessage());
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- SQL

    private Object query(String statement) {
        return run(statement, jobId("freshdesk_")).body();
    }

    /** Jobs named by the loader, in bigquery.location (the SQL component would leave the location out). */
    private JobId jobId(String prefix) {
        return JobId.newBuilder().setProject(settings.projectId()).setLocation(settings.location())
                .setJob(prefix + UUID.randomUUID().toString().replace("-", "")).build();
    }

    /** What a statement answered (the affected rows, or the rows read) and the job that ran it (the last attempt's). */
    private record Answer(Object body, JobId job) {
    }

    /** Runs a statement through the google-bigquery-sql endpoint; each retry of it is a job of its own. */
    private Answer run(String statement, JobId jobId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SQL_HEADER, statement);
        headers.put(GoogleBigQueryConstants.JOB_ID, jobId);
        try {
            ensureRoutes();
            Exchange exchange = producer.send(BigQueryRoutes.SQL, e -> e.getMessage().setHeaders(headers));
            if (exchange.getException() != null) {
                throw new CamelExecutionException("BigQuery query failed", exchange, exchange.getException());
            }
            return new Answer(exchange.getMessage().getBody(),
                    exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, jobId, JobId.class));
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DestinationException(failure(statement, cause), cause);
        }
    }

    /**
     * BigQuery's own error first, then the statement, shortened: the SQL component's message puts the whole statement
     * before the error, and a shortened message would then show the statement but not why it failed.
     */
    static String failure(String statement, Throwable cause) {
        String error = String.valueOf(cause.getMessage());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BigQueryException bq) {
                error = bq.getError() == null ? bq.getMessage()
                        : bq.getError().getReason() + ": " + bq.getError().getMessage();
                break;
            }
            if (t instanceof JobException job && job.getErrors() != null && !job.getErrors().isEmpty()) {
                error = job.getErrors().get(0).getReason() + ": " + job.getErrors().get(0).getMessage();
                break;
            }
        }
        return error + " (statement: " + LogText.abbreviate(statement, 160) + ")";
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Runs a BigQuery call (retried by its route when the failure is transient) and names what failed. */
    private <T> T retrying(String what, java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DestinationException(what + " failed: " + cause.getMessage(), cause);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DestinationException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void putIfNotNull(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }

    private static String abbreviate(String text) {
        return LogText.abbreviate(text, 300);
    }
}
