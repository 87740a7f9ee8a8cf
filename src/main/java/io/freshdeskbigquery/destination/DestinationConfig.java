package io.freshdeskbigquery.destination;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code destination.*} keys, with their defaults; {@link DestinationProducer} checks the type. */
@ConfigMapping(prefix = "destination")
public interface DestinationConfig {

    /** {@code duckdb} or {@code bigquery}. */
    @WithDefault("duckdb")
    String type();

    Duckdb duckdb();

    /** Whether {@code destination.type} names this destination (case and surrounding blanks do not matter). */
    default boolean selects(String destination) {
        return type().trim().equalsIgnoreCase(destination);
    }

    interface Duckdb {
        /** The DuckDB file; created with its folder. */
        @WithDefault("data/freshdesk.duckdb")
        String path();

        /**
         * DuckDB's {@code memory_limit}: its buffer pool, native memory outside the Java heap (DuckDB's own default is
         * 80% of the host's memory, whatever the container's limit). A number and a unit: {@code 512MB}, {@code 1GB}.
         */
        @WithDefault("512MB")
        String memoryLimit();

        /**
         * DuckDB's {@code checkpoint_threshold}: the size its write-ahead log grows to before the data is written into
         * the file. Every checkpoint also rewrites the tables' primary-key indexes, whose size grows with the account:
         * checkpointing every 16 MB (DuckDB's default) makes a long backfill slower with every batch. A larger value
         * costs a longer replay of the log after a crash, not memory (DuckDB spills beyond {@code memory-limit}).
         */
        @WithDefault(DEFAULT_CHECKPOINT_THRESHOLD)
        String checkpointThreshold();

        /** The shipped {@code destination.duckdb.checkpoint-threshold}. */
        String DEFAULT_CHECKPOINT_THRESHOLD = "256MB";

        /** DuckDB's worker threads; unset: one per core. */
        java.util.OptionalInt threads();
    }
}
