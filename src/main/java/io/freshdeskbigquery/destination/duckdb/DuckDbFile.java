package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.freshdeskbigquery.destination.DestinationException;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The DuckDB file, attached to an in-memory database with the settings ({@code open.sql}), its own tables made
 * ({@code _sync_state}, {@code _rejected}, {@code _merge_state}), and the two connections to it: one for the writes and
 * everything else, one for the merges, which run beside them (DuckDB keeps the two transactions apart; a write only
 * appends to the history, a merge reads what was committed).
 */
final class DuckDbFile {

    /** The name the file is attached under; unqualified names mean its tables. */
    static final String CATALOG = "freshdesk";
    /**
     * The file's storage format: DuckDB 1.2's, the first with zstd for texts (a new file is made in it; an older file is
     * moved to it at its first checkpoint). DuckDB 1.2 or later reads it; a file in DuckDB's default format (1.0's)
     * holds the tickets' JSON with their descriptions uncompressed (on the simulator's tickets 14 times the bytes,
     * BENCHMARKS.md#decision-duckdb-storage-format).
     */
    static final String STORAGE_VERSION = "v1.2.0";
    /**
     * The average length of a segment's texts from which DuckDB considers zstd beside FSST and the dictionary, and
     * keeps whichever is smallest (DuckDB's own: 4,096). It decides for the text columns ({@code description_text}, a
     * conversation's {@code body_text}) and for the record column of tables made before
     * {@link DuckDbTables#RECORD_COMPRESSION}: with 256, records of about 1 KB ended up a third smaller on disk.
     */
    static final int ZSTD_MIN_STRING_LENGTH = 256;

    /** The writes' connection, and everything else but the merges. */
    final Connection connection;
    /** The merges' own connection: a merge does not hold up the writes. */
    final Connection mergeConnection;

    private DuckDbFile(Connection connection, Connection mergeConnection) {
        this.connection = connection;
        this.mergeConnection = mergeConnection;
    }

    /** Opens the file at the settings' path, making it and its folders when missing. */
    static DuckDbFile open(DuckDbDestination.Settings settings) {
        String path = settings.path();
        try {
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            NativeLibraryLeftovers.removeOnce();
            // the driver is asked directly: DriverManager's registry does not survive class loader changes
            // (dev mode, tests that relaunch the app) and needs no reflection in a native image this way
            // the file is attached to an in-memory database rather than opened as it (open.sql)
            Connection opened = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
            try (Statement st = opened.createStatement()) {
                // the file attached, and the settings (open.sql says why each)
                for (String sql : DuckDbSql.statement("open")
                        .literal("path", path)
                        .name("catalog", CATALOG)
                        .number("rowGroupSize", settings.rowGroupSize())
                        .literal("storageVersion", STORAGE_VERSION)
                        .number("zstdMinStringLength", ZSTD_MIN_STRING_LENGTH)
                        .literal("tempDirectory", path + ".tmp")
                        .literal("memoryLimit", settings.memoryLimit().trim())
                        .literal("checkpointThreshold", settings.checkpointThreshold().trim())
                        .sqls()) {
                    st.execute(sql);
                }
                if (settings.threads().isPresent()) {
                    st.execute(
                            DuckDbSql.statement("set-threads").number("threads", settings.threads().getAsInt()).sql());
                }
                // _sync_state, _rejected, and _merge_state
                for (String sql : DuckDbSql.statement("create-file-tables").sqls()) {
                    st.execute(sql);
                }
            } catch (SQLException | RuntimeException e) {
                // the file could not be attached (locked by another process, say): the in-memory database goes too,
                // so a start retried until the lock is free does not leave one behind each time
                opened.close();
                throw e;
            }
            // a second connection to the same database, for the merges
            Connection merging;
            try {
                merging = opened.unwrap(DuckDBConnection.class).duplicate();
                try (Statement st = merging.createStatement()) {
                    for (String sql : DuckDbSql.statement("use").name("catalog", CATALOG).sqls()) {
                        st.execute(sql);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                opened.close();
                throw e;
            }
            return new DuckDbFile(opened, merging);
        } catch (Exception e) {
            throw new DestinationException("Cannot open the DuckDB file " + path + " (destination.duckdb.path): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The file at the path attached read-only to an in-memory database of its own: nothing created in it, nothing
     * written (a file another process is writing cannot be opened, and says so).
     */
    static Connection openReadOnly(String path) throws SQLException {
        NativeLibraryLeftovers.removeOnce();
        Connection reading = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        try (Statement st = reading.createStatement()) {
            for (String sql : DuckDbSql.statement("open-read-only")
                    .literal("path", path)
                    .name("catalog", CATALOG)
                    .sqls()) {
                st.execute(sql);
            }
            return reading;
        } catch (SQLException | RuntimeException e) {
            reading.close();
            throw e;
        }
    }

    /** One of DuckDB's settings as it holds it. */
    String setting(String name) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        DuckDbSql.statement("current-setting").literal("name", name.replace("'", "")).sql())) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return "unknown";
        }
    }
}
