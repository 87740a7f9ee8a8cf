package io.freshdeskbigquery.table;

/** A typed column of a stream's tables. */
public record Column(String name, ColumnType type) {

    /** The portable column types; each destination maps them to its own SQL types. */
    public enum ColumnType {
        BIGINT, INTEGER, VARCHAR, BOOLEAN, TIMESTAMP, JSON
    }
}
