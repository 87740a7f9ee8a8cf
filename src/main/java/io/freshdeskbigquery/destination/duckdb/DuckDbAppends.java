package io.freshdeskbigquery.destination.duckdb;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jboss.logging.Logger;

/**
 * A batch into {@code <stream>_changes}, the history, and nothing else, through DuckDB's appender in one transaction:
 * once it commits the rows are safely kept and the cursor may pass them. Each batch's rows carry a {@code _loaded_at}
 * later than every batch's before, by which the merge finds them. Used under the destination's lock, on its writes'
 * connection.
 */
final class DuckDbAppends {

    /** The category its line has always had: the destination's. */
    private static final Logger LOG = Logger.getLogger(DuckDbDestination.class);

    private final Connection connection;
    /** Per history, the table its batches are appended to and in which column order ({@link #plan}). */
    private final Map<String, AppendPlan> appendPlans = new ConcurrentHashMap<>();
    /** The histories whose newest {@code _loaded_at} this process has read. */
    private final Set<String> historiesRead = new HashSet<>();
    /** The {@code _loaded_at} of the last batch written: each batch's is later (the merge finds its rows by it). */
    private Instant lastLoadedAt = Instant.EPOCH;

    DuckDbAppends(Connection connection) {
        this.connection = connection;
    }

    /**
     * Decides what the stream's batches are appended to, its tables made ({@link DuckDbTables#create}; {@code keyed}:
     * its history has a primary key): the history itself when it has the loader's columns and types and no key (a file
     * this version made); else a staging table of the loader's layout, then moved by one INSERT BY NAME (a history
     * with its key, made by an older version, skips a version already there; one whose column types differ gets the
     * values cast). The staging table is made anew for each run, so it always has the stream's columns; each batch
     * empties it first.
     */
    void plan(StreamTable table, boolean keyed) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(DuckDbSql.statement("create-staging")
                    .name("staging", staging(table))
                    .sql("columns", DuckDbTables.columnDefinitions(table))
                    .sql());
            Map<String, String> history = columnTypes(st, DuckDbFile.CATALOG, table.changesTable());
            Map<String, String> loaders = columnTypes(st, "temp", staging(table));
            if (!keyed && history.equals(loaders)) {
                appendPlans.put(table.changesTable(),
                        new AppendPlan(table.changesTable(), DuckDbFile.CATALOG, false,
                                slots(table, history.keySet())));
            } else {
                appendPlans.put(table.changesTable(),
                        new AppendPlan(staging(table), "temp", keyed, slots(table, loaders.keySet())));
            }
            // the batches written from now on are loaded after every row already there, whatever this clock says; read
            // once a process (this process alone writes the file, and each of its batches is later than the last)
            if (!historiesRead.contains(table.changesTable())) {
                try (ResultSet rs = st.executeQuery(
                        DuckDbSql.statement("newest-loaded").name("history", table.changesTable()).sql())) {
                    OffsetDateTime newest = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                    if (newest != null && newest.toInstant().isAfter(lastLoadedAt)) {
                        lastLoadedAt = newest.toInstant();
                    }
                }
                historiesRead.add(table.changesTable());
            }
        }
    }

    /**
     * Appends the rows to {@code <stream>_changes}, one transaction. A batch DuckDB refuses as not UTF-8 is written
     * once more, each record's text decoded by Java.
     */
    WriteResult write(StreamTable table, List<Row> rows, String syncRunId) {
        try {
            return writeOnce(table, rows, syncRunId);
        } catch (DestinationException e) {
            if (!(e.getCause() instanceof SQLException sql) || sql.getMessage() == null
                    || !sql.getMessage().contains("Invalid unicode")) {
                throw e;
            }
            // a record's bytes are not all UTF-8 (the JSON parser lets a UTF-8-encoded surrogate through): the batch
            // once more, each record's text decoded by Java, which puts U+FFFD where the bytes are not
            rows.stream()
                    .filter(row -> !isUtf8(row.recordUtf8()))
                    .forEach(row -> LOG.warnf("%s: record %d is not valid"
                            + " UTF-8; its text is kept with U+FFFD in place of the bytes that are not", table.name(),
                            row.id()));
            return writeOnce(table, rows.stream().map(Row::withValidUtf8).toList(), syncRunId);
        }
    }

    private WriteResult writeOnce(StreamTable table, List<Row> rows, String syncRunId) {
        if (rows.isEmpty()) {
            return WriteResult.NONE;
        }
        AppendPlan plan = appendPlans.get(table.changesTable());
        if (plan == null) {
            throw new IllegalStateException("prepare(" + table.name() + ") was not called before its first write");
        }
        Instant loadedAt = nextLoadedAt();
        try {
            DuckDbTransaction.begin(connection);
            boolean staged = !plan.table().equals(table.changesTable());
            if (staged) {
                // emptied first, not after: this one empties the table whether the batch before it failed or not
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate(DuckDbSql.statement("empty-staging").name("staging", staging(table)).sql());
                }
            }
            // the appender's rows are part of this transaction: a batch that fails part-way leaves none behind
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
                    .createAppender(plan.catalog(), "main", plan.table())) {
                append(appender, plan, rows, epochMicros(loadedAt), syncRunId);
                // flushed here, not by close(): a flush that fails (a constraint of the table) throws, while close()
                // swallows the error and leaves the transaction aborted, which commit() then ends without a word
                appender.flush();
            }
            if (staged) {
                try (Statement st = connection.createStatement()) {
                    // a history with its key skips a version already there, and must not be given one twice in a
                    // statement; without the key the merge drops those
                    String move = !plan.keyed()
                            ? "move-staged"
                            : sameVersionTwice(rows) ? "move-staged-keyed-once" : "move-staged-keyed";
                    st.executeUpdate(DuckDbSql.statement(move)
                            .name("history", table.changesTable())
                            .name("staging", staging(table))
                            .sql());
                }
            }
            connection.commit();
            return WriteResult.NONE;
        } catch (SQLException | RuntimeException e) {
            DuckDbTransaction.rollback(connection);
            throw new DestinationException("DuckDB rejected a batch of " + rows.size() + " rows for stream "
                    + table.name() + " (ids " + rows.get(0).id() + ".." + rows.get(rows.size() - 1).id() + "): "
                    + e.getMessage(), e);
        } finally {
            DuckDbTransaction.autoCommit(connection);
        }
    }

    private static boolean sameVersionTwice(List<Row> rows) {
        Set<String> versions = new HashSet<>(rows.size() * 2);
        for (Row row : rows) {
            if (!versions.add(row.id() + "@" + row.updatedAt())) {
                return true;
            }
        }
        return false;
    }

    /** Later than every batch's before, in DuckDB's precision (microseconds). */
    private Instant nextLoadedAt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        lastLoadedAt = now.isAfter(lastLoadedAt) ? now : lastLoadedAt.plus(1, ChronoUnit.MICROS);
        return lastLoadedAt;
    }

    /**
     * Appends the rows in the table's column order: the typed values as DuckDB holds them (timestamps as microseconds
     * since the epoch, no text made and parsed again), the record as the UTF-8 bytes it came in (DuckDB checks them
     * as the rows reach the table), the batch's {@code _loaded_at} and run id in every row.
     */
    private static void append(DuckDBAppender appender, AppendPlan plan, List<Row> rows, long loadedAt,
            String syncRunId) throws SQLException {
        for (Row row : rows) {
            appender.beginRow();
            for (Slot slot : plan.slots()) {
                switch (slot.kind()) {
                    case ID -> appender.append(row.id());
                    case UPDATED_AT -> appender.appendEpochMicros(epochMicros(row.updatedAt()));
                    case COLUMN -> append(appender, slot.column(), row.values().get(slot.column().name()));
                    case RECORD -> appender.append(row.recordUtf8());
                    case LOADED_AT -> appender.appendEpochMicros(loadedAt);
                    case SYNC_RUN_ID -> appender.append(syncRunId);
                }
            }
            appender.endRow();
        }
    }

    private static void append(DuckDBAppender appender, Column column, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (column.type()) {
            case BIGINT -> appender.append(((Number) value).longValue());
            case INTEGER -> appender.append(((Number) value).intValue());
            case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            // as DuckDB holds a timestamp: microseconds since the epoch (no text made and parsed again)
            case TIMESTAMP -> appender.appendEpochMicros(epochMicros((Instant) value));
            case VARCHAR, JSON -> appender.append(value.toString());
        }
    }

    private static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A table's columns and their types, in the table's order. */
    private static Map<String, String> columnTypes(Statement st, String catalog, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(
                DuckDbSql.statement("column-types").literal("catalog", catalog).literal("table", table).sql())) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    /** What goes in each of the named columns, in their order. */
    private static List<Slot> slots(StreamTable table, Collection<String> names) {
        Map<String, Column> columns = new HashMap<>();
        table.columns().forEach(c -> columns.put(c.name(), c));
        return names.stream().map(name -> switch (name) {
            case "id" -> new Slot(SlotKind.ID, null);
            case "updated_at" -> new Slot(SlotKind.UPDATED_AT, null);
            case "record" -> new Slot(SlotKind.RECORD, null);
            case "_loaded_at" -> new Slot(SlotKind.LOADED_AT, null);
            case "_sync_run_id" -> new Slot(SlotKind.SYNC_RUN_ID, null);
            default -> new Slot(SlotKind.COLUMN, columns.get(name));
        }).toList();
    }

    private static String staging(StreamTable table) {
        return "_staging_" + table.name();
    }

    /**
     * The table a stream's batches are appended to (the history, or the staging table) and what goes in its columns;
     * {@code keyed}: the history has its primary key, and skips a version already there.
     */
    private record AppendPlan(String table, String catalog, boolean keyed, List<Slot> slots) {
    }

    private enum SlotKind {
        ID, UPDATED_AT, COLUMN, RECORD, LOADED_AT, SYNC_RUN_ID
    }

    private record Slot(SlotKind kind, Column column) {
    }
}
