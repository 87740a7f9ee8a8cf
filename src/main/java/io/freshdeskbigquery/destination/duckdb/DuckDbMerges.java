package io.freshdeskbigquery.destination.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.StreamTable;

/**
 * Brings {@code <stream>}, the current table, up to date from the history rows appended since the last merge, and drops
 * the versions the history got twice (a page read again after a crash, a child list read whole again), in one
 * transaction on the merges' own connection, beside the writes: one merge at a time, none while the file closes. How
 * far each stream's current table reflects its history is kept in {@code _merge_state}.
 */
final class DuckDbMerges implements AutoCloseable {

    /** The merges' own connection, used under {@link #lock}: a merge does not hold up the writes. */
    private final Connection connection;
    private final Object lock = new Object();
    private final DuckDbTables tables;

    DuckDbMerges(Connection connection, DuckDbTables tables) {
        this.connection = connection;
        this.tables = tables;
    }

    /**
     * Per id the newest version among the rows appended since the last merge replaces the current row when newer (a
     * new id is inserted); a version the history got twice (the same id and updated_at) is kept once. Answers what it
     * did to the current table; the versions that changed nothing (older, already there, or twice) count as
     * unchanged. Merging again changes nothing.
     */
    WriteResult merge(StreamTable table) {
        synchronized (lock) {
            return mergeOnce(table);
        }
    }

    /** Closes the merges' connection, after the merge under way; a merge not made is made by the next run. */
    @Override
    public void close() {
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing on shutdown: a merge not made is made by the next one
            }
        }
    }

    private WriteResult mergeOnce(StreamTable table) {
        String changes = table.changesTable();
        String current = table.currentTable();
        String fresh = "_merge_" + table.name();
        try {
            connection.setAutoCommit(false);
            Instant mark = mergedThrough(table);
            Instant through;
            long appended;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(DuckDbSql.statement("merge-appended")
                            .name("changes", changes)
                            .sql("loadedAfter", loadedAfter("", mark))
                            .sql())) {
                rs.next();
                OffsetDateTime newest = rs.getObject(1, OffsetDateTime.class);
                through = newest == null ? null : newest.toInstant();
                appended = rs.getLong(2);
            }
            if (through == null) {
                connection.commit();
                return WriteResult.NONE;
            }
            int inserted;
            int updated;
            try (Statement st = connection.createStatement()) {
                if (!tables.keyed(table.changesTable())) {
                    // a version appended twice since the merge, or appended again after an earlier merge took it
                    String older = mark == null
                            ? "FALSE"
                            : DuckDbSql.statement("merge-older-copy")
                                    .name("changes", changes)
                                    .sql("mark", timestamp(mark))
                                    .sql();
                    st.executeUpdate(DuckDbSql.statement("merge-drop-copies")
                            .name("changes", changes)
                            .sql("loadedAfter", loadedAfter("", mark))
                            .sql("older", older)
                            .sql());
                }
                // per id the newest of the versions appended since that are newer than the current row (or of a new
                // id), and how many there were: each would have replaced the one before it, had they come one by one,
                // so all but a new id's first count as updates. Their keys only: windows over whole rows (the record's
                // JSON) cost more than the rest of the merge (BENCHMARKS.md#decision-merge-over-the-keys)
                st.execute(DuckDbSql.statement("merge-newer")
                        .name("fresh", fresh)
                        .name("changes", changes)
                        .sql("loadedAfter", loadedAfter("h", mark))
                        .name("current", current)
                        .sql());
                long newer;
                try (ResultSet rs = st
                        .executeQuery(DuckDbSql.statement("merge-newer-versions").name("fresh", fresh).sql())) {
                    rs.next();
                    newer = rs.getLong(1);
                }
                int replaced = st.executeUpdate(DuckDbSql.statement("merge-delete-replaced")
                        .name("current", current)
                        .name("fresh", fresh)
                        .sql());
                // the rows of those versions, read from the history once: after the dedupe above, a version appended
                // since the merge is there once (a history with its key never holds one twice)
                inserted = st.executeUpdate(DuckDbSql.statement("merge-insert")
                        .name("current", current)
                        .sql("columns", columnList(table, ""))
                        .sql("historyColumns", columnList(table, "h."))
                        .name("changes", changes)
                        .name("fresh", fresh)
                        .sql("loadedAfter", loadedAfter("h", mark))
                        .sql()) - replaced;
                updated = (int) newer - inserted;
                st.execute(DuckDbSql.statement("drop-table").name("table", fresh).sql());
            }
            try (PreparedStatement ps = connection
                    .prepareStatement(DuckDbSql.statement("save-merged-through").sql())) {
                ps.setString(1, table.name());
                ps.setString(2, through.toString());
                ps.executeUpdate();
            }
            connection.commit();
            return new WriteResult(inserted, updated, (int) (appended - inserted - updated));
        } catch (SQLException | RuntimeException e) {
            DuckDbTransaction.rollback(connection);
            throw new DestinationException("Cannot bring " + table.currentTable() + " up to date from "
                    + table.changesTable() + ": " + e.getMessage(), e);
        } finally {
            DuckDbTransaction.autoCommit(connection);
        }
    }

    /**
     * How far the current table reflects the history: the {@code _loaded_at} its last merge reached; for a file whose
     * tables were written together (by an older version), the newest in the current table; null before any.
     */
    private Instant mergedThrough(StreamTable table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                DuckDbSql.statement("merged-through").name("current", table.currentTable()).sql())) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                OffsetDateTime at = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                return at == null ? null : at.toInstant();
            }
        }
    }

    private static String timestamp(Instant instant) {
        return DuckDbSql.literal(instant.toString()) + "::TIMESTAMPTZ";
    }

    /** The condition on a history row (of the alias, if any) that it was loaded after the mark (null: any row). */
    private static String loadedAfter(String alias, Instant mark) {
        return mark == null ? "TRUE" : (alias.isEmpty() ? "" : alias + ".") + "_loaded_at > " + timestamp(mark);
    }

    /** The columns both stream tables have, named with the prefix (a table's alias and a dot). */
    private static String columnList(StreamTable table, String prefix) {
        StringBuilder names = new StringBuilder(prefix + "id, " + prefix + "updated_at");
        table.columns().forEach(c -> names.append(", ").append(prefix).append(DuckDbSql.quote(c.name())));
        return names.append(", ")
                .append(prefix)
                .append("record, ")
                .append(prefix)
                .append("_loaded_at, ")
                .append(prefix)
                .append("_sync_run_id")
                .toString();
    }
}
