package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;

/**
 * The GoogleSQL statements of the BigQuery destination, as text. Values are written as literals (strings
 * escaped by {@link #literal}): the statements are sent through one {@code google-bigquery-sql} endpoint, so
 * their text changes per call and must not become part of an endpoint URI.
 */
public final class BigQuerySql {

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
        return "CREATE SCHEMA IF NOT EXISTS `" + project + "." + dataset + "` OPTIONS (location = " + literal(location) + ")";
    }

    public String createSyncState() {
        return "CREATE TABLE IF NOT EXISTS " + table("_sync_state") + " (`stream` STRING NOT NULL,"
                + " `cursor` TIMESTAMP NOT NULL, `boundary_keys` JSON NOT NULL, `_sync_run_id` STRING,"
                + " `committed_at` TIMESTAMP NOT NULL, `merged_through` TIMESTAMP) CLUSTER BY `stream`";
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
     * Brings the current table up to date from the history: per id the newest {@code updated_at} among the rows of
     * {@code <stream>_changes} loaded from {@code from} (none: all) through {@code through}; it replaces the current
     * row only when newer, so merging a range twice changes nothing. The range is on the partitioning column, so
     * only the partitions of those days are read. The current table is only ever written by this statement.
     */
    public String merge(StreamTable stream, Instant from, Instant through) {
        List<String> names = allColumns(stream).stream().map(BigQuerySql::quote).toList();
        String set = names.stream().filter(n -> !n.equals("`id`")).map(n -> n + " = S." + n)
                .collect(Collectors.joining(", "));
        return "MERGE " + table(stream.currentTable()) + " T USING (SELECT " + String.join(", ", names) + " FROM "
                + table(stream.changesTable()) + " WHERE " + loadedBetween(from, through)
                + " QUALIFY ROW_NUMBER() OVER (PARTITION BY `id` ORDER BY `updated_at` DESC, `_loaded_at` DESC) = 1) S"
                + " ON T.`id` = S.`id`"
                + " WHEN MATCHED AND S.`updated_at` > T.`updated_at` THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", names) + ") VALUES ("
                + names.stream().map(n -> "S." + n).collect(Collectors.joining(", ")) + ")";
    }

    /** The newest {@code _loaded_at} in the history (from {@code from} on, when given): what a MERGE would reach. */
    public String newestChange(StreamTable stream, Instant from) {
        return "SELECT " + formatted("MAX(`_loaded_at`)") + " AS `newest` FROM " + table(stream.changesTable())
                + (from == null ? "" : " WHERE `_loaded_at` >= " + timestamp(from));
    }

    /** How far the current table reflects the history: the newest {@code _loaded_at} its last MERGE reached. */
    public String loadMergedThrough(String stream) {
        return "SELECT " + formatted("`merged_through`") + " AS `merged_through` FROM " + table("_sync_state")
                + " WHERE `stream` = " + literal(stream);
    }

    public String saveMergedThrough(String stream, Instant through) {
        return "UPDATE " + table("_sync_state") + " SET `merged_through` = " + timestamp(through) + " WHERE `stream` = "
                + literal(stream);
    }

    /** Datasets made before {@code merged_through} existed get the column; nothing else changes. */
    public String addMergedThrough() {
        return "ALTER TABLE " + table("_sync_state") + " ADD COLUMN IF NOT EXISTS `merged_through` TIMESTAMP";
    }

    private static String loadedBetween(Instant from, Instant through) {
        return (from == null ? "" : "`_loaded_at` >= " + timestamp(from) + " AND ") + "`_loaded_at` <= " + timestamp(through);
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP " + literal(instant.toString());
    }

    /** A timestamp as ISO-8601 text in UTC with microseconds, which {@link Instant#parse} reads. */
    private static String formatted(String expression) {
        return "FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', " + expression + ", 'UTC')";
    }

    public String saveState(String stream, Instant cursor, String boundaryKeysJson, String syncRunId) {
        return "MERGE " + table("_sync_state") + " T USING (SELECT " + literal(stream) + " AS `stream`, TIMESTAMP "
                + literal(cursor.toString()) + " AS `cursor`, PARSE_JSON(" + literal(boundaryKeysJson)
                + ") AS `boundary_keys`, " + (syncRunId == null ? "CAST(NULL AS STRING)" : literal(syncRunId))
                + " AS `_sync_run_id`, CURRENT_TIMESTAMP() AS `committed_at`) S ON T.`stream` = S.`stream`"
                + " WHEN MATCHED THEN UPDATE SET `cursor` = S.`cursor`, `boundary_keys` = S.`boundary_keys`,"
                + " `_sync_run_id` = S.`_sync_run_id`, `committed_at` = S.`committed_at`"
                // the columns named: INSERT ROW would fill the target's columns by position, and _sync_state has
                // more columns than this source (merged_through, and any an operator added)
                + " WHEN NOT MATCHED THEN INSERT (`stream`, `cursor`, `boundary_keys`, `_sync_run_id`, `committed_at`)"
                + " VALUES (S.`stream`, S.`cursor`, S.`boundary_keys`, S.`_sync_run_id`, S.`committed_at`)";
    }

    public String loadState(String stream) {
        return "SELECT " + formatted("`cursor`") + " AS `cursor`,"
                + " TO_JSON_STRING(`boundary_keys`) AS `boundary_keys`, `_sync_run_id` FROM " + table("_sync_state")
                + " WHERE `stream` = " + literal(stream);
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
