package io.freshdeskbigquery.destination;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where rows land: what {@code destination.type} may name. */
public enum DestinationType {

    /** An embedded DuckDB file (the default, and dev mode's). */
    DUCKDB,
    /** Google BigQuery. */
    BIGQUERY;

    /** The name {@code destination.type} gives it: {@code duckdb}, {@code bigquery}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a {@code destination.type} value names (case and surrounding blanks do not matter), if any. */
    public static Optional<DestinationType> named(String value) {
        String key = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(type -> type.key().equalsIgnoreCase(key)).findFirst();
    }

    /** {@code duckdb, bigquery}: for messages. */
    public static String keys() {
        return Arrays.stream(values()).map(DestinationType::key).collect(Collectors.joining(", "));
    }
}
