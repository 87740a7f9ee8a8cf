package io.freshdeskbigquery.destination.bigquery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
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
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConnectionFactory;
import org.jboss.logging.Logger;

/**
 * What the BigQuery routes ({@link BigQueryRoutes}) need besides their endpoints: the dataset and its tables,
 * created when missing; the cursors in {@code _sync_state}; {@code _rejected}; and what the MERGE must remember
 * between calls. Its statements run through the same retried {@code google-bigquery-sql} route as the MERGE.
 * <ul>
 * <li>{@link #prepare}: the dataset, {@code _sync_state}, {@code _rejected}, {@code <stream>_changes} and
 * {@code <stream>} created when missing; what exists is read once per process, so a restart runs no DDL.</li>
 * <li>{@link #loadState}/{@link #saveState}: a SELECT and a MERGE by stream on {@code _sync_state}; before the runs of
 * {@code sync.once}, one SELECT of every stream's row ({@link #statesReadAhead}), which each run's load takes.</li>
 * <li>{@link #reject}: one streamed row into {@code _rejected}.</li>
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
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    /** The tables the dataset had when this process first looked (read once, by {@link #ensureDataset}). */
    private final Set<String> existingTables = ConcurrentHashMap.newKeySet();
    /** Per stream, the newest {@code _loaded_at} the last MERGE reached (read once from {@code _sync_state}). */
    private final Map<String, Optional<Instant>> mergedThrough = new ConcurrentHashMap<>();
    /**
     * Per stream, {@code _sync_state.written_through} as its cursor's row said when the run started (empty: no row);
     * absent: not known.
     */
    private final Map<String, Optional<Instant>> writtenThrough = new ConcurrentHashMap<>();
    /** Per stream, the newest {@code _loaded_at} of the rows this process has tried to stream into its history. */
    private final Map<String, Instant> newestWrite = new ConcurrentHashMap<>();
    /** Per list read whole, the fingerprint of the ids whose rows gone and back were last checked ({@link #fingerprint}). */
    private final Map<String, String> seenIdsChecked = new ConcurrentHashMap<>();
    /** Per stream, its row of {@code _sync_state} read ahead with every other's (none: an empty list), until taken. */
    private final Map<String, List<Map<?, ?>>> statesReadAhead = new ConcurrentHashMap<>();
    /** Per stream, the rows this process streamed since its last MERGE: what the MERGE did not change was already there. */
    private final Map<String, java.util.concurrent.ConcurrentNavigableMap<Instant, Long>> unmergedRows = new ConcurrentHashMap<>();
    private volatile boolean datasetReady;

    /**
     * @param camel the context that runs {@link BigQueryRoutes}: the connection factory their endpoints use is bound
     *              in its registry here
     */
    public BigQueryDestination(BigQuerySettings settings, BigQuery client, CamelContext camel,
            BoundaryKeys boundaryKeys) {
        this.boundaryKeys = boundaryKeys;
        this.settings = settings;
        this.client = client;
        this.sql = new BigQuerySql(settings.projectId(), settings.dataset());
        camel.getRegistry()
                .bind(CONNECTION_FACTORY, GoogleBigQueryConnectionFactory.class,
                        new GoogleBigQueryConnectionFactory(client));
    }

    @Override
    public String describe() {
        return "bigquery:" + settings;
    }

    /**
     * The DDL the dataset needs: itself, {@code _sync_state} and {@code _rejected} when missing, and
     * {@code _sync_state}'s later columns ({@link BigQuerySql#SYNC_STATE_ADDED}) added to a table made by an older version. Three metadata calls
     * ({@code datasets.get}, {@code tables.list}, {@code tables.get}), once per process, find what is there already:
     * DDL jobs run only for what is missing. Empty once {@link #datasetReady()}.
     */
    synchronized List<String> datasetDdl() {
        if (datasetReady) {
            return List.of();
        }
        List<String> ddl = new ArrayList<>();
        DatasetId datasetId = DatasetId.of(settings.projectId(), settings.dataset());
        existingTables.clear();
        if (client.getDataset(datasetId) == null) {
            ddl.add(sql.createDataset(settings.location()));
        } else {
            client.listTables(datasetId).iterateAll().forEach(t -> existingTables.add(t.getTableId().getTable()));
        }
        if (!existingTables.contains(BigQuerySql.SYNC_STATE)) {
            ddl.add(sql.createSyncState());
        } else {
            Set<String> columns = columns(TableId.of(settings.projectId(), settings.dataset(), BigQuerySql.SYNC_STATE));
            for (Map.Entry<String, String> column : BigQuerySql.SYNC_STATE_ADDED.entrySet()) {
                if (!columns.contains(column.getKey())) {
                    ddl.add(sql.addSyncStateColumn(column.getKey(), column.getValue()));
                }
            }
        }
        if (!existingTables.contains(BigQuerySql.REJECTED)) {
            ddl.add(sql.createRejected());
        }
        return ddl;
    }

    synchronized void datasetReady() {
        datasetReady = true;
    }

    /** The DDL the stream's tables need (none when the dataset had them, or this process made them). */
    synchronized List<String> tablesDdl(StreamTable table) {
        if (prepared.contains(table.name())) {
            return List.of();
        }
        List<String> ddl = new ArrayList<>();
        for (String name : List.of(table.changesTable(), table.currentTable())) {
            if (!existingTables.contains(name)) {
                ddl.add(name.equals(table.changesTable()) ? sql.createChanges(table) : sql.createCurrent(table));
                continue;
            }
            // a table made by an older version gets the columns added since (one tables.get finds them)
            List<io.freshdeskbigquery.table.Column> missing = missingColumns(name, table);
            ddl.addAll(sql.addColumns(name, missing));
        }
        return ddl;
    }

    void tablesReady(StreamTable table) {
        prepared.add(table.name());
    }

    private List<io.freshdeskbigquery.table.Column> missingColumns(String tableName, StreamTable table) {
        Table existing = client.getTable(TableId.of(settings.projectId(), settings.dataset(), tableName));
        Schema schema = existing == null ? null : existing.getDefinition().getSchema();
        if (schema == null) {
            return List.of();
        }
        return table.columns()
                .stream()
                .filter(column -> schema.getFields()
                        .stream()
                        .noneMatch(f -> f.getName().equalsIgnoreCase(column.name())))
                .toList();
    }

    /** The table's column names, in lower case (none for a table not found). */
    private Set<String> columns(TableId tableId) {
        Table table = client.getTable(tableId);
        Schema schema = table == null ? null : table.getDefinition().getSchema();
        return schema == null
                ? Set.of()
                : schema.getFields()
                        .stream()
                        .map(f -> f.getName().toLowerCase(java.util.Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public int mergeEveryBatches() {
        return settings.mergeEveryBatches();
    }

    @Override
    public java.time.Duration commitInterval() {
        return settings.commitInterval();
    }

    /** BigQuery refuses a column whose name starts so, ignoring case ("Column names", BigQuery's schema docs). */
    public static final List<String> RESERVED_COLUMN_PREFIXES = List.of("_PARTITION", "_TABLE_", "_FILE_",
            "_ROW_TIMESTAMP",
            "__ROOT__", "_COLIDENTIFIER");

    @Override
    public List<String> reservedColumnPrefixes() {
        return RESERVED_COLUMN_PREFIXES;
    }

    BigQuerySettings settings() {
        return settings;
    }

    BigQuerySql sql() {
        return sql;
    }

    /** How far the stream's last MERGE reached, as read from {@code _sync_state} or since reached by this process. */
    /** Streams whose last MERGE mark found no row of theirs in {@code _sync_state} to land in. */
    private final java.util.Set<String> mergedThroughUnsaved = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Optional<Instant> mergedThrough(String stream) {
        return mergedThrough.getOrDefault(stream, Optional.empty());
    }

    boolean knowsMergedThrough(String stream) {
        return mergedThrough.containsKey(stream);
    }

    void mergedThroughRead(String stream, Instant through) {
        mergedThrough.put(stream, Optional.ofNullable(through));
    }

    void merged(String stream, Instant through) {
        mergedThrough.put(stream, Optional.of(through));
    }

    /** Whether the last MERGE's mark reached {@code _sync_state} (it cannot before the stream's first cursor commit). */
    void mergedThroughSaved(String stream, boolean saved) {
        if (saved) {
            mergedThroughUnsaved.remove(stream);
        } else {
            mergedThroughUnsaved.add(stream);
        }
    }

    boolean mergedThroughUnsaved(String stream) {
        return mergedThroughUnsaved.contains(stream) && mergedThrough(stream).isPresent();
    }

    /** Rows streamed into the stream's history by this process, loaded at {@code loadedAt} (one batch). */
    void streamed(String stream, Instant loadedAt, long rows) {
        unmergedRows.computeIfAbsent(stream, s -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .merge(loadedAt, rows, Long::sum);
    }

    /**
     * The rows streamed and loaded through {@code through} (the MERGE's reach; null: all), no longer counted; a batch
     * streamed while the MERGE ran, loaded later, is the next MERGE's.
     */
    long takeStreamed(String stream, Instant through) {
        java.util.concurrent.ConcurrentNavigableMap<Instant, Long> batches = unmergedRows.get(stream);
        if (batches == null) {
            return 0;
        }
        java.util.Map<Instant, Long> taken = through == null ? batches : batches.headMap(through, true);
        long rows = 0;
        for (var it = taken.entrySet().iterator(); it.hasNext();) {
            rows += it.next().getValue();
            it.remove();
        }
        return rows;
    }

    /** The first row a SELECT returned (column name to value); null for none. */
    private static Map<?, ?> firstRow(Object body) {
        return body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> row ? row : null;
    }

    /** The named column of the first row a SELECT returned; null for no row or a NULL value. */
    static Object single(Object body, String column) {
        Map<?, ?> row = firstRow(body);
        return row == null ? null : row.get(column);
    }

    static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }

    /**
     * What the stream's row of {@code _sync_state} says besides the cursor, as the {@link BigQuerySql#loadState} SELECT
     * answered it: how far the last MERGE reached (remembered unless this process knows already, from its own MERGEs
     * since: the run's first MERGE then needs no SELECT of its own for it), how far the committed writes went
     * ({@link #nothingWrittenSinceLastMerge}), and the fingerprint of the ids last checked ({@link #sameIdsAsLastChecked}).
     */
    void stateRowRead(String stream, Object selected) {
        mergedThrough.putIfAbsent(stream, Optional.ofNullable(instant(single(selected, "merged_through"))));
        Object seenIds = single(selected, "seen_ids_sha256");
        if (seenIds == null) {
            seenIdsChecked.remove(stream);
        } else {
            seenIdsChecked.put(stream, seenIds.toString());
        }
        Instant written = instant(single(selected, "written_through"));
        if (firstRow(selected) == null || BigQuerySql.BEGINNING.equals(written)) {
            writtenThrough.put(stream, Optional.empty()); // no cursor commit yet, or none after a write
        } else if (written == null) {
            writtenThrough.remove(stream); // a row an older version committed: not known
        } else {
            writtenThrough.put(stream, Optional.of(written));
        }
    }

    /**
     * Whether a complete read of a list read whole found exactly the ids of the last one whose rows gone and back were
     * checked (and marked), as the cursor's row said when the run started or this process saved since: then no row is
     * gone or back. The current table's unmarked rows are those ids since that check: rows come into it only from the
     * list's own reads, and an id that leaves or comes back changes the ids.
     */
    boolean sameIdsAsLastChecked(String stream, String fingerprint) {
        return fingerprint.equals(seenIdsChecked.get(stream));
    }

    /** The rows gone and back of the ids with this {@link #fingerprint} were checked and marked, and it was saved. */
    void seenIdsChecked(String stream, String fingerprint) {
        seenIdsChecked.put(stream, fingerprint);
    }

    /** SHA-256 (hex) of the ids, sorted, as decimal text joined by commas. */
    static String fingerprint(SeenIds seen) {
        long[] ids = seen.ids().clone();
        Arrays.sort(ids);
        StringBuilder text = new StringBuilder(ids.length * 12);
        for (long id : ids) {
            text.append(id).append(',');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An insertAll of the stream's rows loaded at {@code loadedAt} is about to be tried: from now on they may be in the
     * history (a request that fails may have been taken in part), so the cursor commits say so and the MERGE looks.
     */
    void writing(String stream, Instant loadedAt) {
        newestWrite.merge(stream, loadedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Whether the history can hold no row the last MERGE did not reach, known without a query: the cursor's row, as
     * read when the run started, says every process's writes of the stream up to its last cursor commit went no
     * further than {@code merged_through} (or there is no row: no commit, so none that wrote), and this process has
     * tried none past it. Not known (a row an older version committed, without {@code written_through}; no cursor
     * read yet in this process): false, and the MERGE asks the history. Rows a killed process streamed after its
     * last cursor commit are past that commit's cursor: the next run reads those records from Freshdesk again and
     * writes them again, and its MERGE takes both. A look skipped loses nothing: the next MERGE starts at
     * {@code merged_through}, whatever happened since.
     */
    boolean nothingWrittenSinceLastMerge(String stream) {
        Optional<Instant> committed = writtenThrough.get(stream);
        if (committed == null) {
            return false;
        }
        Optional<Instant> reached = mergedThrough(stream);
        Instant tried = newestWrite.get(stream);
        return notPast(committed.orElse(null), reached) && notPast(tried, reached);
    }

    /** Whether rows loaded at {@code written} (null: none) are all within what the last MERGE reached. */
    private static boolean notPast(Instant written, Optional<Instant> reached) {
        return written == null || reached.isPresent() && !written.isAfter(reached.get());
    }

    /**
     * Each named stream's row of {@code _sync_state} as one {@link BigQuerySql#loadStates} SELECT answered it (a stream
     * without a row: none), kept for that stream's next {@link #takeStateReadAhead}.
     */
    void statesReadAhead(List<String> streams, Object selected) {
        Map<String, Map<?, ?>> rows = new HashMap<>();
        if (selected instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> map && map.get("stream") != null) {
                    rows.put(map.get("stream").toString(), map);
                }
            }
        }
        for (String stream : streams) {
            Map<?, ?> row = rows.get(stream);
            statesReadAhead.put(stream, row == null ? List.of() : List.of(row));
        }
    }

    /** Whether the stream's row was read ahead and not taken yet. */
    boolean hasStateReadAhead(String stream) {
        return statesReadAhead.containsKey(stream);
    }

    /**
     * The stream's row as read ahead, as its own {@link BigQuerySql#loadState} SELECT would answer it; once: the state
     * changes with the run's commits, so a later load reads it again.
     */
    List<Map<?, ?>> takeStateReadAhead(String stream) {
        return statesReadAhead.remove(stream);
    }

    /** The cursor a {@link BigQuerySql#loadState} SELECT answered; null when the stream has none yet. */
    SyncState syncState(String stream, Object selected) {
        Map<?, ?> row = firstRow(selected);
        if (row == null) {
            return null;
        }
        Set<String> keys = boundaryKeys.parse(String.valueOf(row.get("boundary_keys")), stream);
        Object runId = row.get("_sync_run_id");
        return new SyncState(stream, instant(row.get("cursor")), keys, runId == null ? null : runId.toString());
    }

    /** The cursor commit, with how far this process's writes of the stream went ({@link #writing}). */
    BigQuerySql.Statement saveState(SyncState state) {
        return sql.saveState(state.stream(), state.cursor(), boundaryKeys.format(state.boundaryKeys()),
                state.syncRunId(),
                newestWrite.get(state.stream()));
    }

    /** A row of {@code _rejected}; its insertId (a random one) makes a retried insert of it safe. */
    static Map<String, Object> rejectedRow(RejectedRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stream", record.stream());
        putIfNotNull(row, "page_url", record.pageUrl());
        row.put("reason", record.reason());
        putIfNotNull(row, "raw", record.raw());
        putIfNotNull(row, "_sync_run_id", record.syncRunId());
        row.put("rejected_at", Instant.now().toString());
        return row;
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

    /** The rows as {@code <stream>_changes} rows, all with the same {@code _loaded_at}. */
    static List<Change> changes(StreamTable table, List<Row> rows, Instant loadedAt, String syncRunId) {
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
            int bytes = 64 + row.recordUtf8().length
                    + json.values().stream().mapToInt(v -> 16 + v.toString().length()).sum();
            changes.add(new Change(row, json, bytes));
        }
        return changes;
    }

    /** Requests of at most insert.max-rows rows and insert.max-bytes bytes (a bigger row goes alone). */
    List<List<Change>> chunks(List<Change> changes) {
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

    static boolean transientRowErrors(String message) {
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
    DmlStats dmlStats(JobId jobId) {
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

    /** Jobs named by the loader, in bigquery.location (the SQL component would leave the location out). */
    JobId jobId(String prefix) {
        return JobId.newBuilder()
                .setProject(settings.projectId())
                .setLocation(settings.location())
                .setJob(prefix + UUID.randomUUID().toString().replace("-", ""))
                .build();
    }

    /**
     * BigQuery's own error first, then the statement, shortened: the SQL component's message puts the whole statement
     * before the error, and a shortened message would then show the statement but not why it failed.
     */
    static String failure(String statement, Throwable cause) {
        String error = String.valueOf(cause.getMessage());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BigQueryException bq) {
                error = bq.getError() == null
                        ? bq.getMessage()
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

    private static void putIfNotNull(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }

    static String abbreviate(String text) {
        return LogText.abbreviate(text, 300);
    }
}
