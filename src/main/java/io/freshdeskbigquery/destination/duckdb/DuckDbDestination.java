package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded destination: one DuckDB file, which allows one process to write it. This class holds two connections to
 * it: one for the writes and everything else, whose use it serialises, and one for the merges, which run beside them.
 * <p>
 * A batch is appended to {@code <stream>_changes}, the history, and nothing else, in one transaction: once it commits
 * the rows are safely kept and the cursor may pass them. {@link #merge} then brings {@code <stream>}, the current table,
 * up to date from the history rows appended since the last merge (every {@code destination.duckdb.merge-every-batches}
 * batches and at the end of every run), and drops the versions the history got twice (a page read again after a
 * crash, a child list read whole again), in one transaction. Neither table has a primary key: keeping each key's index
 * up to date row by row cost more than everything else DuckDB does for a batch (BENCHMARKS.md#decision-no-primary-keys), and the merge keeps one
 * row per id, and one per version, set by set. Files made before keep their keys, and work the same.
 */
public class DuckDbDestination implements Destination, AutoCloseable {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DuckDbDestination.class);

    private final Settings settings;
    private final DuckDbFile file;
    /** The writes' connection, and everything else but the merges: used under this object's lock. */
    private final Connection connection;
    private final DuckDbTables tables;
    private final DuckDbMerges merges;
    private final DuckDbVanished vanished;
    private final DuckDbState state;
    /** Per history, the table its batches are appended to and in which column order ({@link #prepare}). */
    private final Map<String, AppendPlan> appendPlans = new java.util.concurrent.ConcurrentHashMap<>();
    /** The histories whose newest {@code _loaded_at} this process has read. */
    private final java.util.Set<String> historiesRead = new java.util.HashSet<>();
    /** The {@code _loaded_at} of the last batch written: each batch's is later (the merge finds its rows by it). */
    private Instant lastLoadedAt = Instant.EPOCH;

    private static final int VECTOR_SIZE = 2048;
    private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile(
            "\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The file and how DuckDB holds it ({@code destination.duckdb.*}): {@link #of} the configuration, or the shipped
     * values for a file ({@link #defaults}) changed one at a time.
     */
    public record Settings(String path, String memoryLimit, String checkpointThreshold, java.util.OptionalInt threads,
            int rowGroupSize, int mergeEveryBatches) {

        public static Settings of(DestinationConfig.Duckdb config) {
            return new Settings(config.path(), config.memoryLimit(), config.checkpointThreshold(),
                    java.util.OptionalInt.of(config.threads()), config.rowGroupSize(), config.mergeEveryBatches());
        }

        public static Settings defaults(String path) {
            return new Settings(path, DestinationConfig.Duckdb.DEFAULT_MEMORY_LIMIT,
                    DestinationConfig.Duckdb.DEFAULT_CHECKPOINT_THRESHOLD,
                    java.util.OptionalInt.of(DestinationConfig.Duckdb.DEFAULT_THREADS),
                    DestinationConfig.Duckdb.DEFAULT_ROW_GROUP_SIZE,
                    DestinationConfig.Duckdb.DEFAULT_MERGE_EVERY_BATCHES);
        }

        public Settings withMemoryLimit(String value) {
            return new Settings(path, value, checkpointThreshold, threads, rowGroupSize, mergeEveryBatches);
        }

        public Settings withCheckpointThreshold(String value) {
            return new Settings(path, memoryLimit, value, threads, rowGroupSize, mergeEveryBatches);
        }

        /** Empty: DuckDB's own default, a thread per core. */
        public Settings withThreads(java.util.OptionalInt value) {
            return new Settings(path, memoryLimit, checkpointThreshold, value, rowGroupSize, mergeEveryBatches);
        }

        public Settings withRowGroupSize(int value) {
            return new Settings(path, memoryLimit, checkpointThreshold, threads, value, mergeEveryBatches);
        }

        public Settings withMergeEveryBatches(int value) {
            return new Settings(path, memoryLimit, checkpointThreshold, threads, rowGroupSize, value);
        }

        /** Refuses a value DuckDB would not take, or would take to mean something else, naming its key. */
        void check() {
            if (!MEMORY.matcher(memoryLimit.trim()).matches()) {
                throw new IllegalArgumentException("destination.duckdb.memory-limit '" + memoryLimit
                        + "' is not a size such as 512MB or 1GB (units: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
            }
            if (!MEMORY.matcher(checkpointThreshold.trim()).matches()) {
                throw new IllegalArgumentException("destination.duckdb.checkpoint-threshold '" + checkpointThreshold
                        + "' is not a size such as 256MB or 1GB (units: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
            }
            if (threads.isPresent() && threads.getAsInt() < 1) {
                throw new IllegalArgumentException("destination.duckdb.threads must be 1 or more (the default is 1)");
            }
            if (rowGroupSize < VECTOR_SIZE || rowGroupSize % VECTOR_SIZE != 0) {
                throw new IllegalArgumentException("destination.duckdb.row-group-size " + rowGroupSize
                        + " is not a multiple of 2048 (DuckDB's vector size), 2048 or more; the default is "
                        + DestinationConfig.Duckdb.DEFAULT_ROW_GROUP_SIZE);
            }
            if (mergeEveryBatches < 0) {
                throw new IllegalArgumentException(
                        "destination.duckdb.merge-every-batches must be 0 (merge at the end of a"
                                + " run only) or more; the default is "
                                + DestinationConfig.Duckdb.DEFAULT_MERGE_EVERY_BATCHES);
            }
        }
    }

    /** The file and its limits ({@code destination.duckdb.*}). */
    public DuckDbDestination(DestinationConfig.Duckdb config, BoundaryKeys boundaryKeys) {
        this(Settings.of(config), boundaryKeys);
    }

    public DuckDbDestination(Settings settings, BoundaryKeys boundaryKeys) {
        settings.check();
        this.settings = settings;
        this.file = DuckDbFile.open(settings);
        this.connection = file.connection;
        this.tables = new DuckDbTables(connection);
        this.merges = new DuckDbMerges(file.mergeConnection, tables);
        this.vanished = new DuckDbVanished(connection);
        this.state = new DuckDbState(connection, boundaryKeys);
    }

    @Override
    public int mergeEveryBatches() {
        return settings.mergeEveryBatches();
    }

    @Override
    public String describe() {
        return "duckdb:" + settings.path() + " (memory_limit " + setting("memory_limit") + ", checkpoint_threshold "
                + setting("checkpoint_threshold") + ", threads " + setting("threads") + ", row groups of "
                + settings.rowGroupSize()
                + " rows)";
    }

    /** One of DuckDB's settings as it holds it. */
    synchronized String setting(String name) {
        return file.setting(name);
    }

    /** Makes the stream's tables, or brings them to its columns, and decides what its batches are appended to. */
    public synchronized void prepare(StreamTable table) {
        try {
            plan(table, tables.create(table));
        } catch (SQLException e) {
            throw new DestinationException("Cannot create the tables of stream " + table.name() + ": " + e.getMessage(),
                    e);
        }
    }

    private void plan(StreamTable table, boolean keyed) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // what a batch is appended to: the history itself when it has the loader's columns and types and no key (a
            // file this version made); else a staging table of the loader's layout, then moved by one INSERT BY NAME
            // (a history with its key, made by an older version, skips a version already there; one whose column
            // types differ gets the values cast). The staging table is made anew for each run, so it always has the
            // stream's columns; each batch empties it first
            st.execute(DuckDbSql.statement("create-staging")
                    .name("staging", staging(table))
                    .sql("columns", DuckDbTables.columnDefinitions(table))
                    .sql());
            Map<String, String> history = columnTypes(st, DuckDbFile.CATALOG, table.changesTable());
            Map<String, String> loaders = columnTypes(st, "temp", staging(table));
            if (!keyed && history.equals(loaders)) {
                appendPlans.put(table.changesTable(),
                        new AppendPlan(table.changesTable(), DuckDbFile.CATALOG, slots(table, history.keySet())));
            } else {
                appendPlans.put(table.changesTable(),
                        new AppendPlan(staging(table), "temp", slots(table, loaders.keySet())));
            }
            // the batches written from now on are loaded after every row already there, whatever this clock says; read
            // once a process (this process alone writes the file, and each of its batches is later than the last)
            if (!historiesRead.contains(table.changesTable())) {
                try (ResultSet rs = st.executeQuery(
                        DuckDbSql.statement("newest-loaded").name("history", table.changesTable()).sql())) {
                    java.time.OffsetDateTime newest = rs.next()
                            ? rs.getObject(1, java.time.OffsetDateTime.class)
                            : null;
                    if (newest != null && newest.toInstant().isAfter(lastLoadedAt)) {
                        lastLoadedAt = newest.toInstant();
                    }
                }
                historiesRead.add(table.changesTable());
            }
        }
    }

    /**
     * After a complete read of a list read whole: the current table's rows not among the ids read get
     * {@code _deleted_at} (now), those among them lose it; one transaction. Answers the rows marked gone (updated)
     * and back (inserted).
     */
    public synchronized WriteResult markVanished(io.freshdeskbigquery.destination.SeenIds seen) {
        return vanished.markVanished(seen);
    }

    /**
     * (Re)makes {@code <table>_with_custom_fields}: the current table (made first when missing) and one column per
     * custom field, cast from the record's {@code custom_fields} ({@code TRY_CAST}: a value that does not fit is NULL
     * there, and stays in {@code record}).
     */
    public synchronized void customFieldsView(io.freshdeskbigquery.table.CustomFieldsView view) {
        prepare(view.table());
        try {
            tables.customFieldsView(view);
        } catch (SQLException e) {
            throw new DestinationException("Cannot make the view " + view.viewName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends the rows to {@code <stream>_changes}, one transaction: once this returns, the rows are safely kept and the
     * cursor may pass them. The current table catches up at the next {@link #merge}.
     */
    public synchronized WriteResult write(StreamTable table, List<Row> rows, String syncRunId) {
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
                append(appender, plan, table, rows, epochMicros(loadedAt), syncRunId);
                // flushed here, not by close(): a flush that fails (a constraint of the table) throws, while close()
                // swallows the error and leaves the transaction aborted, which commit() then ends without a word
                appender.flush();
            }
            if (staged) {
                boolean keyed = tables.keyed(table.changesTable());
                try (Statement st = connection.createStatement()) {
                    // a history with its key skips a version already there, and must not be given one twice in a
                    // statement; without the key the merge drops those
                    String move = !keyed
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
        java.util.Set<String> versions = new java.util.HashSet<>(rows.size() * 2);
        for (Row row : rows) {
            if (!versions.add(row.id() + "@" + row.updatedAt())) {
                return true;
            }
        }
        return false;
    }

    /** Later than every batch's before, in DuckDB's precision (microseconds). */
    private Instant nextLoadedAt() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        lastLoadedAt = now.isAfter(lastLoadedAt) ? now : lastLoadedAt.plus(1, java.time.temporal.ChronoUnit.MICROS);
        return lastLoadedAt;
    }

    /**
     * Brings {@code <stream>} up to date with the history rows appended since the last merge, one transaction: per id
     * the newest version among them replaces the current row when newer (a new id is inserted); a version the history
     * got twice (the same id and updated_at) is kept once. Answers what it did to the current table; the versions
     * that changed nothing (older, already there, or twice) count as unchanged. Merging again changes nothing.
     */
    public WriteResult merge(StreamTable table) {
        return merges.merge(table);
    }

    public synchronized Optional<SyncState> loadState(String stream) {
        return state.load(stream);
    }

    /**
     * What {@code sync.check} reads of the file at the path, leaving everything as it was: the stream's committed state,
     * the file attached read-only (nothing created in it, nothing written; a file another process is writing cannot be
     * opened, and says so). A file that does not exist yet is {@link StateCheck#missing}, the first sync creates it
     * with its folders, when they can be made: a folder is made in the nearest existing one, and removed, to find out.
     * Anything else is a {@link DestinationException} saying what cannot be done with the path.
     */
    public static StateCheck checkState(String path, BoundaryKeys boundaryKeys, String stream) {
        return DuckDbState.check(path, boundaryKeys, stream);
    }

    public synchronized void saveState(SyncState state) {
        this.state.save(state);
    }

    public synchronized void reject(RejectedRecord record) {
        state.reject(record);
    }

    /** Runs a read-only query; for tests, the dev console and operators' checks. */
    public synchronized List<Map<String, Object>> query(String sql, Object... parameters) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new DestinationException("Query failed: " + e.getMessage(), e);
        }
    }

    /** Runs one SQL statement; for maintenance and tests. */
    public synchronized void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new DestinationException("Statement failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        merges.close();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing on shutdown: nothing left to save
        }
    }

    /**
     * Appends the rows in the table's column order: the typed values as DuckDB holds them (timestamps as microseconds
     * since the epoch, no text made and parsed again), the record as the UTF-8 bytes it came in (DuckDB checks them
     * as the rows reach the table), the batch's {@code _loaded_at} and run id in every row.
     */
    private static void append(DuckDBAppender appender, AppendPlan plan, StreamTable table, List<Row> rows,
            long loadedAt,
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

    private static boolean isUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
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
    private static List<Slot> slots(StreamTable table, java.util.Collection<String> names) {
        Map<String, Column> columns = new java.util.HashMap<>();
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

    /** The table a stream's batches are appended to (the history, or the staging table) and what goes in its columns. */
    private record AppendPlan(String table, String catalog, List<Slot> slots) {
    }

    private enum SlotKind {
        ID, UPDATED_AT, COLUMN, RECORD, LOADED_AT, SYNC_RUN_ID
    }

    private record Slot(SlotKind kind, Column column) {
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

    private static String staging(StreamTable table) {
        return "_staging_" + table.name();
    }
}
