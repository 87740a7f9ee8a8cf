package io.freshdeskbigquery.destination.bigquery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobStatistics;
import io.freshdeskbigquery.destination.Column;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.StreamTable;
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
 * re-sending the failed request in halves and kept in {@code _rejected} with BigQuery's reason. Then the
 * accepted rows are MERGEd into the current table {@code <stream>} from the batch itself (passed as a JSON
 * literal, so the MERGE never depends on the streaming buffer being readable, nor on insertId dedup): the
 * current table is only ever written by DML, and is up to date before the cursor moves.</li>
 * <li>{@link #loadState}/{@link #saveState}: a SELECT and a MERGE by stream on {@code _sync_state}.</li>
 * <li>Transient failures: the client retries 5xx, {@code backendError} and {@code rateLimitExceeded} answers
 * itself ({@code bigquery.retry.*}); row errors with a transient reason, and a table that is not visible yet
 * right after its creation (404), are retried here with the same backoff.</li>
 * </ul>
 */
public class BigQueryDestination implements Destination {

    /** The registry name of the connection factory the endpoints use. */
    public static final String CONNECTION_FACTORY = "freshdeskBigQueryConnectionFactory";
    /** The header holding the statement the SQL endpoint runs. */
    public static final String SQL_HEADER = "freshdeskBigQuerySql";

    private static final Logger LOG = Logger.getLogger(BigQueryDestination.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TRANSIENT_REASONS = Set.of("backendError", "internalError", "rateLimitExceeded",
            "quotaExceeded", "timeout");

    private final BigQuerySettings settings;
    private final BigQuery client;
    private final BigQuerySql sql;
    private final ProducerTemplate producer;
    private final String insertUri;
    private final String sqlUri;
    private final String rejectUri;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    private volatile boolean datasetReady;
    private final CamelContext camel;
    private volatile boolean routesReady;

    public BigQueryDestination(BigQuerySettings settings, BigQuery client, CamelContext camel) {
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

    @Override
    public void prepare(StreamTable table) {
        ensureDataset();
        if (prepared.add(table.name())) {
            try {
                query(sql.createChanges(table));
                query(sql.createCurrent(table));
            } catch (RuntimeException e) {
                prepared.remove(table.name());
                throw new DestinationException("Cannot create the BigQuery tables of stream " + table.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private synchronized void ensureDataset() {
        if (datasetReady) {
            return;
        }
        try {
            query(sql.createDataset(settings.location()));
            query(sql.createSyncState());
            query(sql.createRejected());
            datasetReady = true;
        } catch (RuntimeException e) {
            throw new DestinationException("Cannot create the BigQuery dataset " + settings.projectId() + "."
                    + settings.dataset() + " or its _sync_state/_rejected tables: " + e.getMessage(), e);
        }
    }

    @Override
    public WriteResult write(StreamTable table, List<Row> rows, String syncRunId) {
        if (rows.isEmpty()) {
            return WriteResult.NONE;
        }
        Instant loadedAt = Instant.now();
        List<Change> accepted = new ArrayList<>();
        for (List<Change> chunk : chunks(changes(table, rows, loadedAt, syncRunId))) {
            accepted.addAll(insert(table, chunk, syncRunId));
        }
        // the rows insertAll refused are in _rejected: counted as rejected in the run summary
        WriteResult result = new WriteResult(0, 0, 0, rows.size() - accepted.size());
        for (List<Change> part : mergeParts(table, accepted, loadedAt, syncRunId)) {
            result = result.plus(merge(table, part, loadedAt, syncRunId));
        }
        return result;
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
        if (!(body instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> row = (Map<?, ?>) list.get(0);
        Set<String> keys = new HashSet<>();
        try {
            MAPPER.readTree(String.valueOf(row.get("boundary_keys"))).forEach(n -> keys.add(n.asText()));
        } catch (Exception e) {
            throw new DestinationException("Unreadable boundary keys in _sync_state for stream " + stream, e);
        }
        Object runId = row.get("_sync_run_id");
        return Optional.of(new SyncState(stream, Instant.parse(String.valueOf(row.get("cursor"))), keys,
                runId == null ? null : runId.toString()));
    }

    @Override
    public void saveState(SyncState state) {
        ensureDataset();
        try {
            String keys = MAPPER.writeValueAsString(state.boundaryKeys().stream().sorted().toList());
            query(sql.saveState(state.stream(), state.cursor(), keys, state.syncRunId()));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
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

    /** A 404 right after a table's creation is transient too: the streaming backend sees new tables late. */
    private static boolean retryable(Throwable cause) {
        return cause instanceof BigQueryException bq && (bq.isRetryable() || bq.getCode() == 404 || bq.getCode() >= 500);
    }

    // ---------------------------------------------------------------------------------------------- MERGE

    /** The accepted rows as JSON arrays for the MERGE, split so that each statement stays under merge.max-chars. */
    private List<List<Change>> mergeParts(StreamTable table, List<Change> accepted, Instant loadedAt, String runId) {
        List<List<Change>> parts = new ArrayList<>();
        List<Change> current = new ArrayList<>();
        int chars = sql.merge(table, "[]", loadedAt, runId).length();
        int size = chars;
        for (Change change : accepted) {
            int rowChars = 2 * change.bytes();
            if (!current.isEmpty() && size + rowChars > settings.mergeMaxChars()) {
                parts.add(current);
                current = new ArrayList<>();
                size = chars;
            }
            current.add(change);
            size += rowChars;
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** The MERGE source: per row its values as strings, JSON columns (and the record) as JSON. */
    String mergeRowsJson(StreamTable table, List<Change> changes) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Change change : changes) {
            Row row = change.row();
            ObjectNode node = array.addObject();
            node.put("id", Long.toString(row.id()));
            node.put("updated_at", row.updatedAt().toString());
            for (Column column : table.columns()) {
                Object value = row.values().get(column.name());
                if (value == null) {
                    continue;
                }
                if (column.type() == Column.ColumnType.JSON) {
                    node.set(column.name(), readJson(value.toString()));
                } else {
                    node.put(column.name(), value.toString());
                }
            }
            node.set("record", readJson(row.recordJson()));
        }
        return array.toString();
    }

    private WriteResult merge(StreamTable table, List<Change> changes, Instant loadedAt, String syncRunId) {
        String statement = sql.merge(table, mergeRowsJson(table, changes), loadedAt, syncRunId);
        if (statement.length() > BigQuerySettings.QUERY_MAX_CHARS) {
            if (changes.size() > 1) {
                int half = changes.size() / 2;
                return merge(table, changes.subList(0, half), loadedAt, syncRunId)
                        .plus(merge(table, changes.subList(half, changes.size()), loadedAt, syncRunId));
            }
            // one record larger than a query may be: it is in the history, not in the current table
            Change big = changes.get(0);
            reject(new RejectedRecord(table.name(), null, "record too large for the MERGE into " + table.currentTable()
                    + " (" + statement.length() + " characters); it is in " + table.changesTable(),
                    big.row().recordJson(), syncRunId));
            return new WriteResult(0, 0, 0, 1);
        }
        JobId jobId = jobId("freshdesk_merge_" + table.name() + "_");
        Object affected;
        try {
            affected = query(statement, jobId);
        } catch (RuntimeException e) {
            throw new DestinationException("BigQuery MERGE of " + changes.size() + " rows into " + table.currentTable()
                    + " failed: " + abbreviate(e.getMessage()), e);
        }
        long changed = affected instanceof Number n ? n.longValue() : 0;
        long inserted = changed;
        long updated = 0;
        DmlStats stats = dmlStats(jobId);
        if (stats != null && stats.getInsertedRowCount() != null && stats.getUpdatedRowCount() != null) {
            inserted = stats.getInsertedRowCount();
            updated = stats.getUpdatedRowCount();
        }
        return new WriteResult((int) inserted, (int) updated, (int) (changes.size() - inserted - updated));
    }

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
        return query(statement, jobId("freshdesk_"));
    }

    /** Jobs named by the loader, in bigquery.location (the SQL component would leave the location out). */
    private JobId jobId(String prefix) {
        return JobId.newBuilder().setProject(settings.projectId()).setLocation(settings.location())
                .setJob(prefix + UUID.randomUUID().toString().replace("-", "")).build();
    }

    /** Runs a statement through the google-bigquery-sql endpoint: the affected rows, or the rows read. */
    private Object query(String statement, JobId jobId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SQL_HEADER, statement);
        headers.put(GoogleBigQueryConstants.JOB_ID, jobId);
        try {
            ensureRoutes();
            Exchange exchange = producer.send(BigQueryRoutes.SQL, e -> e.getMessage().setHeaders(headers));
            if (exchange.getException() != null) {
                throw new CamelExecutionException("BigQuery query failed", exchange, exchange.getException());
            }
            return exchange.getMessage().getBody();
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DestinationException(String.valueOf(cause.getMessage()), cause);
        }
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

    private static JsonNode readJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static void putIfNotNull(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
