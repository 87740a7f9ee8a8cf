package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;

/**
 * Rows as insertAll takes them: a page's rows as {@code <stream>_changes} rows, each with its insertId, in requests of
 * at most {@code bigquery.insert.max-rows} rows and {@code bigquery.insert.max-bytes} bytes; a rejected record as a
 * {@code _rejected} row.
 */
final class InsertAllRows {

    private InsertAllRows() {
    }

    /** One row of {@code <stream>_changes}, as sent to insertAll, with its size and its source. */
    record Change(Row row, Map<String, Object> json, int bytes) {
        String insertId() {
            return (String) json.get("_insert_id");
        }
    }

    static String insertId(String stream, Row row) {
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
    static List<List<Change>> requests(List<Change> changes, BigQuerySettings settings) {
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

    private static void putIfNotNull(Map<String, Object> row, String key, Object value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
