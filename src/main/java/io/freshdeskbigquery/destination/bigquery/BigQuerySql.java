package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.freshdeskbigquery.destination.Column;
import io.freshdeskbigquery.destination.StreamTable;

/**
 * The GoogleSQL statements of the BigQuery destination, as text. Values are written as literals (strings
 * escaped by {@link #literal}): the statements are sent through one {@code google-bigquery-sql} endpoint, so
 * their text changes per call and must not become part of an endpoint URI.
 */
public final class BigQuerySql {

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
                + " `committed_at` TIMESTAMP NOT NULL) CLUSTER BY `stream`";
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
     * Brings the current table up to date from a batch: {@code rowsJson} is a JSON array of objects holding
     * each row's values as strings (JSON columns as JSON). Per id the newest {@code updated_at} of the batch
     * is taken; it replaces the current row only when newer, so re-running a batch changes nothing.
     */
    public String merge(StreamTable stream, String rowsJson, Instant loadedAt, String syncRunId) {
        List<String> names = allColumns(stream);
        StringBuilder select = new StringBuilder("CAST(JSON_VALUE(r, '$.id') AS INT64) AS `id`,"
                + " CAST(JSON_VALUE(r, '$.updated_at') AS TIMESTAMP) AS `updated_at`");
        for (Column column : stream.columns()) {
            select.append(", ").append(extract(column)).append(" AS ").append(quote(column.name()));
        }
        select.append(", JSON_QUERY(r, '$.record') AS `record`, TIMESTAMP ").append(literal(loadedAt.toString()))
                .append(" AS `_loaded_at`, ").append(literal(syncRunId)).append(" AS `_sync_run_id`");
        String set = names.stream().filter(n -> !n.equals("id")).map(n -> quote(n) + " = S." + quote(n))
                .collect(Collectors.joining(", "));
        return "MERGE " + table(stream.currentTable()) + " T USING (SELECT * FROM (SELECT " + select
                + " FROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(" + literal(rowsJson) + "))) AS r)"
                + " WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY `id` ORDER BY `updated_at` DESC) = 1) S"
                + " ON T.`id` = S.`id`"
                + " WHEN MATCHED AND S.`updated_at` > T.`updated_at` THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT ROW";
    }

    public String saveState(String stream, Instant cursor, String boundaryKeysJson, String syncRunId) {
        return "MERGE " + table("_sync_state") + " T USING (SELECT " + literal(stream) + " AS `stream`, TIMESTAMP "
                + literal(cursor.toString()) + " AS `cursor`, PARSE_JSON(" + literal(boundaryKeysJson)
                + ") AS `boundary_keys`, " + (syncRunId == null ? "CAST(NULL AS STRING)" : literal(syncRunId))
                + " AS `_sync_run_id`, CURRENT_TIMESTAMP() AS `committed_at`) S ON T.`stream` = S.`stream`"
                + " WHEN MATCHED THEN UPDATE SET `cursor` = S.`cursor`, `boundary_keys` = S.`boundary_keys`,"
                + " `_sync_run_id` = S.`_sync_run_id`, `committed_at` = S.`committed_at`"
                + " WHEN NOT MATCHED THEN INSERT ROW";
    }

    public String loadState(String stream) {
        return "SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `cursor`, 'UTC') AS `cursor`,"
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

    private static String extract(Column column) {
        String path = literal("$." + column.name());
        return switch (column.type()) {
            case JSON -> "JSON_QUERY(r, " + path + ")";
            case VARCHAR -> "JSON_VALUE(r, " + path + ")";
            default -> "SAFE_CAST(JSON_VALUE(r, " + path + ") AS " + sqlType(column.type()) + ")";
        };
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
