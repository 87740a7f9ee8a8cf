package io.freshdeskbigquery.destination;

import java.util.List;
import java.util.Optional;

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

    /** Appends the rows to the history and brings the current table up to date (newest updated_at wins). */
    WriteResult write(StreamTable table, List<Row> rows, String syncRunId);

    Optional<SyncState> loadState(String stream);

    /** Commits a stream's cursor; called only after the rows up to it were written. */
    void saveState(SyncState state);

    void reject(RejectedRecord record);
}
