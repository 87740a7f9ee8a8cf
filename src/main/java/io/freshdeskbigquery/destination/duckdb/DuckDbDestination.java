package io.freshdeskbigquery.destination.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;

/**
 * The embedded destination: one DuckDB file, which allows one process to write it ({@link DuckDbFile}), and what
 * {@link DuckDbRoutes} asks of it. It holds two connections to the file: one for the writes and everything else, whose
 * use it serialises, and one for the merges, which run beside them ({@link DuckDbMerges}).
 * <p>
 * A batch is appended to {@code <stream>_changes}, the history, and nothing else, in one transaction
 * ({@link DuckDbAppends}): once it commits the rows are safely kept and the cursor may pass them. {@link #merge} then
 * brings {@code <stream>}, the current table, up to date from the history rows appended since the last merge (every
 * {@code destination.duckdb.merge-every-batches} batches and at the end of every run), and drops the versions the
 * history got twice (a page read again after a crash, a child list read whole again), in one transaction. Neither
 * table has a primary key ({@link DuckDbTables}): keeping each key's index up to date row by row cost more than
 * everything else DuckDB does for a batch (BENCHMARKS.md#decision-no-primary-keys), and the merge keeps one row per id,
 * and one per version, set by set. Files made before keep their keys, and work the same. The rows gone from a list
 * read whole are marked by {@link DuckDbVanished}; the cursors and the rejected records are kept by
 * {@link DuckDbState}. The SQL is in {@code src/main/resources/duckdb/*.sql} ({@link DuckDbSql}).
 */
public class DuckDbDestination implements Destination, AutoCloseable {

    private static final int VECTOR_SIZE = 2048;
    private static final Pattern MEMORY = Pattern.compile(
            "\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", Pattern.CASE_INSENSITIVE);

    private final Settings settings;
    private final DuckDbFile file;
    /** The writes' connection, and everything else but the merges: used under this object's lock. */
    private final Connection connection;
    private final DuckDbTables tables;
    private final DuckDbAppends appends;
    private final DuckDbMerges merges;
    private final DuckDbVanished vanished;
    private final DuckDbState state;

    /**
     * The file and how DuckDB holds it ({@code destination.duckdb.*}): {@link #of} the configuration, or the shipped
     * values for a file ({@link #defaults}) changed one at a time.
     */
    public record Settings(String path, String memoryLimit, String checkpointThreshold, OptionalInt threads,
            int rowGroupSize, int mergeEveryBatches) {

        public static Settings of(DestinationConfig.Duckdb config) {
            return new Settings(config.path(), config.memoryLimit(), config.checkpointThreshold(),
                    OptionalInt.of(config.threads()), config.rowGroupSize(), config.mergeEveryBatches());
        }

        public static Settings defaults(String path) {
            return new Settings(path, DestinationConfig.Duckdb.DEFAULT_MEMORY_LIMIT,
                    DestinationConfig.Duckdb.DEFAULT_CHECKPOINT_THRESHOLD,
                    OptionalInt.of(DestinationConfig.Duckdb.DEFAULT_THREADS),
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
        public Settings withThreads(OptionalInt value) {
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
        this.appends = new DuckDbAppends(connection);
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
            appends.plan(table, tables.create(table));
        } catch (SQLException e) {
            throw new DestinationException("Cannot create the tables of stream " + table.name() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * After a complete read of a list read whole: the current table's rows not among the ids read get
     * {@code _deleted_at} (now), those among them lose it; one transaction. Answers the rows marked gone (updated)
     * and back (inserted).
     */
    public synchronized WriteResult markVanished(SeenIds seen) {
        return vanished.markVanished(seen);
    }

    /**
     * (Re)makes {@code <table>_with_custom_fields}: the current table (made first when missing) and one column per
     * custom field, cast from the record's {@code custom_fields} ({@code TRY_CAST}: a value that does not fit is NULL
     * there, and stays in {@code record}).
     */
    public synchronized void customFieldsView(CustomFieldsView view) {
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
        return appends.write(table, rows, syncRunId);
    }

    /**
     * Brings {@code <stream>} up to date with the history rows appended since the last merge, one transaction: per id
     * the newest version among them replaces the current row when newer (a new id is inserted); a version the history
     * got twice (the same id and updated_at) is kept once. Answers what it did to the current table; the versions
     * that changed nothing (older, already there, or twice) count as unchanged. Merging again changes nothing. Runs
     * beside the writes, on the merges' connection.
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
}
