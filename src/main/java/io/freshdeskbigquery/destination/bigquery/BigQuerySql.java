package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.CustomField;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;

/**
 * The GoogleSQL statements of the BigQuery destination. The statements that carry values are files,
 * {@code classpath:bigquery/<name>.sql}, each the query of its own {@code google-bigquery-sql} endpoint: their values
 * travel as query parameters ({@code @stream}, {@code @cursor}, …) and the names of tables and columns, which
 * parameters cannot hold, as {@code ${header}} text the component fills in ({@link Statement#headers()}). The DDL is
 * text made here (names and types only; the dataset's location is the one literal, escaped by {@link #literal}).
 */
public final class BigQuerySql {

    /** The statement files, {@code classpath:bigquery/<name>.sql}. */
    public static final List<String> STATEMENTS = List.of("load-state", "load-states", "save-state", "save-seen-ids",
            "merged-through",
            "save-merged-through", "newest-change", "merge", "vanished-count", "mark-vanished");

    /** Before any row: the lower bound of a MERGE that has no earlier MERGE to start from. */
    static final Instant BEGINNING = Instant.EPOCH;

    /** A statement file to run, with the headers it reads: table and column names, and the parameters' values. */
    public record Statement(String name, Map<String, Object> headers) {
    }

    public static final String SYNC_STATE = "_sync_state";
    public static final String REJECTED = "_rejected";

    private final String project;
    private final String dataset;

    public BigQuerySql(String project, String dataset) {
        this.project = project;
        this.dataset = dataset;
    }

    /** {@code `project.dataset.table`} */
    public String table(String table) {
        return "`" + project + "." + dataset + "." + table + "`";
    }

    public String createDataset(String location) {
        return "CREATE SCHEMA IF NOT EXISTS `" + project + "." + dataset + "` OPTIONS (location = " + literal(location)
                + ")";
    }

    /**
     * The columns of {@code _sync_state} added since its first version, with their types, in the order added: a new
     * table has them, an older one gets them ({@link #addSyncStateColumn}).
     */
    static final Map<String, String> SYNC_STATE_ADDED = syncStateAdded();

    private static Map<String, String> syncStateAdded() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("merged_through", "TIMESTAMP");
        columns.put("written_through", "TIMESTAMP");
        columns.put("seen_ids_sha256", "STRING");
        return Collections.unmodifiableMap(columns);
    }

    public String createSyncState() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table("_sync_state"))
                .append(" (`stream` STRING NOT NULL, `cursor` TIMESTAMP NOT NULL, `boundary_keys` JSON NOT NULL,"
                        + " `_sync_run_id` STRING, `committed_at` TIMESTAMP NOT NULL");
        SYNC_STATE_ADDED.forEach((column, type) -> ddl.append(", ").append(quote(column)).append(' ').append(type));
        return ddl.append(") CLUSTER BY `stream`").toString();
    }

    public String createRejected() {
        return "CREATE TABLE IF NOT EXISTS " + table("_rejected") + " (`stream` STRING NOT NULL, `page_url` STRING,"
                + " `reason` STRING NOT NULL, `raw` STRING, `_sync_run_id` STRING, `rejected_at` TIMESTAMP NOT NULL)"
                + " PARTITION BY DATE(`rejected_at`)";
    }

    /** History: every version streamed in, with its insertId; partitioned by load day, clustered by id. */
    public String createChanges(StreamTable stream) {
        return "CREATE TABLE IF NOT EXISTS " + table(stream.changesTable()) + " (" + columnDefinitions(stream)
                + ", `_insert_id` STRING) PARTITION BY DATE(`_loaded_at`) CLUSTER BY `id`";
    }

    /** Current: one row per id, written only by {@link #merge}. */
    public String createCurrent(StreamTable stream) {
        return "CREATE TABLE IF NOT EXISTS " + table(stream.currentTable()) + " (" + columnDefinitions(stream)
                + ") CLUSTER BY `id`";
    }

    /**
     * Brings the current table up to date from the history ({@code merge.sql}): per id the newest {@code updated_at}
     * among the rows of {@code <stream>_changes} loaded from {@code from} (none: all) through {@code through}; it
     * replaces the current row only when newer, so merging a range twice changes nothing. The range is on the
     * partitioning column, so only the partitions of those days are read. The current table is only ever written by
     * this statement.
     */
    public Statement merge(StreamTable stream, Instant from, Instant through) {
        List<String> names = allColumns(stream).stream().map(BigQuerySql::quote).toList();
        return new Statement("merge", Map.of(
                "bigQueryCurrent", table(stream.currentTable()),
                "bigQueryChanges", table(stream.changesTable()),
                "bigQueryColumns", String.join(", ", names),
                "bigQueryUpdateSet", names.stream()
                        .filter(n -> !n.equals("`id`"))
                        .map(n -> n + " = S." + n)
                        .collect(Collectors.joining(", ")),
                "bigQueryInsertValues", names.stream().map(n -> "S." + n).collect(Collectors.joining(", ")),
                "from", (from == null ? BEGINNING : from).toString(),
                "through", through.toString()));
    }

    /** The newest {@code _loaded_at} in the history from {@code from} on (none: all): what a MERGE would reach. */
    public Statement newestChange(StreamTable stream, Instant from) {
        return new Statement("newest-change", Map.of("bigQueryChanges", table(stream.changesTable()),
                "from", (from == null ? BEGINNING : from).toString()));
    }

    /** How far the current table reflects the history: the newest {@code _loaded_at} its last MERGE reached. */
    public Statement loadMergedThrough(String stream) {
        return new Statement("merged-through", Map.of("bigQuerySyncState", table(SYNC_STATE), "stream", stream));
    }

    public Statement saveMergedThrough(String stream, Instant through) {
        return new Statement("save-merged-through", Map.of("bigQuerySyncState", table(SYNC_STATE), "stream", stream,
                "through", through.toString()));
    }

    /**
     * A stream's table made by an older version gets the columns added since, one statement each (an engine may take
     * one ALTER action per statement; this runs once per upgrade); the rows it has keep them empty.
     */
    public List<String> addColumns(String tableName, List<Column> columns) {
        return columns.stream()
                .map(c -> "ALTER TABLE " + table(tableName) + " ADD COLUMN IF NOT EXISTS "
                        + quote(c.name()) + " " + sqlType(c.type()))
                .toList();
    }

    /**
     * {@code <table>_with_custom_fields}: the current table and one column per custom field, cast from the record's
     * {@code custom_fields} ({@code SAFE_CAST}: a value that does not fit is NULL there, and stays in {@code record}).
     */
    public String customFieldsView(CustomFieldsView view) {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW ").append(table(view.viewName()))
                .append(" AS SELECT t.*");
        for (CustomField field : view.columns()) {
            sql.append(", SAFE_CAST(JSON_VALUE(t.`record`, '$.custom_fields.")
                    .append(field.name())
                    .append("') AS ")
                    .append(switch (field.kind()) {
                        case NUMBER -> "INT64";
                        case DECIMAL -> "FLOAT64";
                        case BOOLEAN -> "BOOL";
                        case DATE -> "DATE";
                        case TEXT -> "STRING";
                    })
                    .append(") AS ")
                    .append(quote(field.name()));
        }
        return sql.append(" FROM ").append(table(view.table().currentTable())).append(" t").toString();
    }

    /**
     * How many rows of a list read whole are gone from its complete read (not yet marked) and how many are back
     * ({@code vanished-count.sql}); the ids read go as one text parameter.
     */
    public Statement vanishedCount(StreamTable stream, String seenIds) {
        return new Statement("vanished-count",
                Map.of("bigQueryCurrent", table(stream.currentTable()), "seen", seenIds));
    }

    /** Marks the rows gone from the complete read with {@code _deleted_at}, and clears it on those back ({@code mark-vanished.sql}). */
    public Statement markVanished(StreamTable stream, String seenIds) {
        return new Statement("mark-vanished", Map.of("bigQueryCurrent", table(stream.currentTable()), "seen", seenIds));
    }

    /** Datasets made before one of {@code _sync_state}'s columns existed get it; nothing else changes. */
    public String addSyncStateColumn(String column, String type) {
        return "ALTER TABLE " + table("_sync_state") + " ADD COLUMN IF NOT EXISTS " + quote(column) + " " + type;
    }

    /** The fingerprint of the ids of a list read whole whose rows gone and back were just checked. */
    public Statement saveSeenIds(String stream, String sha256) {
        return new Statement("save-seen-ids", Map.of("bigQuerySyncState", table(SYNC_STATE), "stream", stream,
                "seen_ids_sha256", sha256));
    }

    /**
     * The stream's cursor and the keys loaded at its second ({@code save-state.sql}); the {@code _sync_state} MERGE
     * names its INSERT columns: the table has more than this source (merged_through, and any an operator added).
     * {@code writtenThrough}: the newest {@code _loaded_at} this process has streamed for the stream (null: none, sent
     * as {@link #BEGINNING}); the row keeps the later of it and what it had.
     */
    public Statement saveState(String stream, Instant cursor, String boundaryKeysJson, String syncRunId,
            Instant writtenThrough) {
        return new Statement("save-state", Map.of("bigQuerySyncState", table(SYNC_STATE), "stream", stream,
                "cursor", cursor.toString(), "boundary_keys", boundaryKeysJson,
                "sync_run_id", syncRunId == null ? "" : syncRunId,
                "written_through", (writtenThrough == null ? BEGINNING : writtenThrough).toString()));
    }

    public Statement loadState(String stream) {
        return new Statement("load-state", Map.of("bigQuerySyncState", table(SYNC_STATE), "stream", stream));
    }

    /** Every stream's row of {@code _sync_state}, as {@link #loadState} reads one, with its {@code stream}: one job. */
    public Statement loadStates() {
        return new Statement("load-states", Map.of("bigQuerySyncState", table(SYNC_STATE)));
    }

    /** The columns of both stream tables, in order. */
    static List<String> allColumns(StreamTable stream) {
        List<String> names = new ArrayList<>(List.of("id", "updated_at"));
        stream.columns().forEach(c -> names.add(c.name()));
        names.addAll(List.of("record", "_loaded_at", "_sync_run_id"));
        return names;
    }

    private static String columnDefinitions(StreamTable stream) {
        StringBuilder sql = new StringBuilder("`id` INT64 NOT NULL, `updated_at` TIMESTAMP NOT NULL");
        for (Column column : stream.columns()) {
            sql.append(", ").append(quote(column.name())).append(' ').append(sqlType(column.type()));
        }
        return sql.append(", `record` JSON NOT NULL, `_loaded_at` TIMESTAMP NOT NULL, `_sync_run_id` STRING NOT NULL")
                .toString();
    }

    public static String sqlType(Column.ColumnType type) {
        return switch (type) {
            case BIGINT, INTEGER -> "INT64";
            case VARCHAR -> "STRING";
            case BOOLEAN -> "BOOL";
            case TIMESTAMP -> "TIMESTAMP";
            case JSON -> "JSON";
        };
    }

    public static String quote(String identifier) {
        if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain BigQuery column name: " + identifier);
        }
        return "`" + identifier + "`";
    }

    /** A GoogleSQL string literal: quotes, backslashes and control characters escaped. */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }
}
