package io.freshdeskbigquery.destination;

import java.util.Optional;

import io.freshdeskbigquery.table.StreamTable;

/**
 * Where rows land: the tables and the cursors. Every implementation keeps the same tables: {@code <stream>} (current),
 * {@code <stream>_changes} (history), {@code _sync_state} and {@code _rejected}. The rows themselves go through the
 * destination's routes ({@link Sink}).
 * <p>
 * Writes are idempotent per {@code id@updated_at}: writing the same batch twice changes nothing, which
 * is what makes a crash between a write and its cursor commit harmless.
 */
public interface Destination {

    /** Short name for logs, e.g. {@code duckdb:data/freshdesk.duckdb}. */
    String describe();

    /** Creates the stream's tables if they are missing; existing tables are reused, never dropped. */
    void prepare(StreamTable table);

    /** Written batches (pages) between two calls of {@link Sink#MERGE} within a run; 0: only at the end of a run. */
    default int mergeEveryBatches() {
        return 0;
    }

    Optional<SyncState> loadState(String stream);

    /** Commits a stream's cursor; called only after the rows up to it were written. */
    void saveState(SyncState state);

    void reject(RejectedRecord record);
}
