package io.freshdeskbigquery.table;

import java.util.List;

/**
 * The tables of one stream: {@code <table>} holds the current state (one row per id, newest
 * {@code updated_at}), {@code <table>_changes} every version ever loaded. The table is the stream's own name, or,
 * for a stream loaded into another's tables (deleted tickets into {@code tickets}), that one's; the stream's cursor
 * and bookkeeping are keyed by {@code name}.
 */
public record StreamTable(String name, String tableName, List<Column> columns) {

    public StreamTable(String name, List<Column> columns) {
        this(name, name, columns);
    }

    public String currentTable() {
        return tableName;
    }

    public String changesTable() {
        return tableName + "_changes";
    }
}
