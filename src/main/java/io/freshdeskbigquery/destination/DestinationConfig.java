package io.freshdeskbigquery.destination;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code destination.*} keys, with their defaults; {@link DestinationProducer} checks the type. */
@ConfigMapping(prefix = "destination")
public interface DestinationConfig {

    /** {@code duckdb} or {@code bigquery}. */
    @WithDefault("duckdb")
    String type();

    Duckdb duckdb();

    /** The destination {@code destination.type} names; empty for a name no {@link DestinationType} has. */
    default Optional<DestinationType> selected() {
        return DestinationType.named(type());
    }

    /** Whether {@code destination.type} names this destination (case and surrounding blanks do not matter). */
    default boolean selects(DestinationType destination) {
        return selected().filter(destination::equals).isPresent();
    }

    interface Duckdb {
        /** The DuckDB file; created with its folder. */
        @WithDefault("data/freshdesk.duckdb")
        String path();

        /**
         * DuckDB's {@code memory_limit}: its buffer pool, native memory outside the Java heap (DuckDB's own default is
         * 80% of the host's memory, whatever the container's limit). A number and a unit: {@code 512MB}, {@code 1GB}.
         */
        @WithDefault(DEFAULT_MEMORY_LIMIT)
        String memoryLimit();

        String DEFAULT_MEMORY_LIMIT = "512MB";

        /**
         * DuckDB's {@code checkpoint_threshold}: the size its write-ahead log grows to before the data is written into
         * the file. A checkpoint costs more than the rows written since the one before (the last row group of every
         * table is written whole again, see {@code row-group-size}): checkpointing every 16 MB (DuckDB's default) made a
         * long backfill several times slower. A larger value costs a longer replay of the log after a crash, not memory
         * (DuckDB spills beyond {@code memory-limit}).
         */
        @WithDefault(DEFAULT_CHECKPOINT_THRESHOLD)
        String checkpointThreshold();

        /** The shipped {@code destination.duckdb.checkpoint-threshold}. */
        String DEFAULT_CHECKPOINT_THRESHOLD = "256MB";

        /**
         * DuckDB's worker threads. One by default: the loader writes one batch at a time, and on two cores more threads
         * only competed with the paging loop (a 300k-ticket backfill 13% faster with one than with two, and ~90 MB less
         * RSS; BENCHMARKS.md#decision-one-duckdb-thread). DuckDB's own default is one a core.
         */
        @WithDefault("" + DEFAULT_THREADS)
        int threads();

        /** The shipped {@code destination.duckdb.threads}. */
        int DEFAULT_THREADS = 1;

        /**
         * Rows in each of DuckDB's row groups, the unit it compresses and writes at a checkpoint ({@code ROW_GROUP_SIZE}
         * of the file's {@code ATTACH}; DuckDB's own default is 122,880). A checkpoint writes the last, growing row group
         * of every table whole again, so with large groups a long backfill writes its newest rows several times over;
         * a multiple of 2,048 (DuckDB's vector), at least 2,048.
         */
        @WithDefault("" + DEFAULT_ROW_GROUP_SIZE)
        int rowGroupSize();

        /** The shipped {@code destination.duckdb.row-group-size}. */
        int DEFAULT_ROW_GROUP_SIZE = 16_384;

        /**
         * Written batches ({@code sync.write.batch-rows}) between two merges of a stream's new history rows into its
         * current table within a run; every run also merges at its end. 0: only at the end. A write appends to
         * {@code <stream>_changes} only; a merge brings {@code <stream>} up to date and drops versions the history
         * got twice (a page read again), in one transaction, beside the writes (on a connection of its own). Each merge
         * reads the history's keys, so merging rarely
         * costs less; merging often keeps the current table closer behind during a long backfill.
         */
        @WithDefault("" + DEFAULT_MERGE_EVERY_BATCHES)
        int mergeEveryBatches();

        /** The shipped {@code destination.duckdb.merge-every-batches}. */
        int DEFAULT_MERGE_EVERY_BATCHES = 50;
    }
}
