package io.freshdeskbigquery.destination;

import java.util.List;
import java.util.Optional;

import io.freshdeskbigquery.table.StreamTable;

/**
 * Where rows land. Every implementation keeps the same tables: {@code <stream>} (current),
 * {@code <stream>_changes} (history), {@code _sync_state} and {@code _rejected}.
 * <p>
 * Writes are idempotent per {@code id@updated_at}: writing the same batch twice changes nothing, which
 * is what makes a crash between a write and its cursor commit harmless.
 */
public interface Destination {

    /** Short name for logs, e.g. {@code duckdb:data/freshdesk.duckdb}. */
    String describe();

    /** Creates the stream's tables if they are missing; existing tables are reused, never dropped. */
    void prepare(StreamTable table);

    /**
     * Appends the rows to the history. A destination whose {@link #mergeEveryBatches()} is 0 and that does nothing
     * in {@link #mergeCurrent} (DuckDB) also brings the current table up to date here (newest updated_at wins).
     * Once this returns, the rows are safely kept: the cursor may pass them.
     */
    WriteResult write(StreamTable table, List<Row> rows, String syncRunId);

    /**
     * Brings the current table up to date with everything in the history that it does not reflect yet, including
     * what an earlier run wrote but could not merge (it crashed or failed first). The sync calls it at the end of
     * every stream run and, within a run, after every {@link #mergeEveryBatches()} written batches. Idempotent.
     *
     * @return what it did to the current table (inserted and updated rows)
     */
    default WriteResult mergeCurrent(StreamTable table, String syncRunId) {
        return WriteResult.NONE;
    }

    /** Written batches (pages) between two {@link #mergeCurrent} calls within a run; 0: only at the end of a run. */
    default int mergeEveryBatches() {
        return 0;
    }

    Optional<SyncState> loadState(String stream);

    /** Commits a stream's cursor; called only after the rows up to it were written. */
    void saveState(SyncState state);

    void reject(RejectedRecord record);
}
