package io.freshdeskbigquery.destination;

import java.time.Duration;
import java.util.List;

/**
 * The destination selected by {@code destination.type}, as the application knows it outside its routes: its name for
 * the logs and how often a run brings its current tables up to date. Everything it is asked to do (create tables,
 * read and commit cursors, write rows, keep rejected records, merge) goes through its {@link Sink} endpoints.
 * <p>
 * Every destination keeps the same tables: {@code <stream>} (current), {@code <stream>_changes} (history),
 * {@code _sync_state} and {@code _rejected}. Writes are idempotent per {@code id@updated_at}: once merged, writing the
 * same batch twice changes nothing (each merge keeps one history row per version and replaces a current row only by a
 * newer one), which is what makes a crash between a write and its cursor commit harmless.
 */
public interface Destination {

    /** Short name for logs, e.g. {@code duckdb:data/freshdesk.duckdb}. */
    String describe();

    /** Written batches ({@code sync.write.batch-rows}) between two calls of {@link Sink#MERGE} in a run; 0: only at its end. */
    default int mergeEveryBatches() {
        return 0;
    }

    /**
     * The least time between two cursor commits within a run (the end of a run always commits); zero: after every
     * batch. Committing less often only means re-reading more after a crash: the cursor never passes unwritten rows.
     */
    default Duration commitInterval() {
        return Duration.ZERO;
    }

    /**
     * The starts of a column name this destination refuses (upper case, compared ignoring case): a custom field named
     * so gets no column in the custom-field view, which would otherwise fail to be made.
     */
    default List<String> reservedColumnPrefixes() {
        return List.of();
    }
}
