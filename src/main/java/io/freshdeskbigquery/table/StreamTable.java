package io.freshdeskbigquery.table;

import java.util.List;

/**
 * The tables of one stream: {@code <name>} holds the current state (one row per id, newest
 * {@code updated_at}), {@code <name>_changes} every version ever loaded.
 */
public record StreamTable(String name, List<Column> columns) {

    public String currentTable() {
        return name;
    }

    public String changesTable() {
        return name + "_changes";
    }
}
