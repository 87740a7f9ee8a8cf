package io.freshdeskbigquery.destination.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;

/**
 * What the file keeps of the runs rather than of the streams: each stream's committed cursor and boundary keys
 * ({@code _sync_state}), read back at a run's start or by {@code sync.check}, and the records rejected
 * ({@code _rejected}). Used under the destination's lock, on its writes' connection.
 */
final class DuckDbState {

    private final Connection connection;
    private final BoundaryKeys boundaryKeys;

    DuckDbState(Connection connection, BoundaryKeys boundaryKeys) {
        this.connection = connection;
        this.boundaryKeys = boundaryKeys;
    }

    Optional<SyncState> load(String stream) {
        try {
            return read(connection, boundaryKeys, stream);
        } catch (SQLException e) {
            throw new DestinationException("Cannot read the cursor of stream " + stream + ": " + e.getMessage(), e);
        }
    }

    void save(SyncState state) {
        try (PreparedStatement ps = connection.prepareStatement(DuckDbSql.statement("save-state").sql())) {
            ps.setString(1, state.stream());
            ps.setTimestamp(2, Timestamp.from(state.cursor()));
            ps.setString(3, boundaryKeys.format(state.boundaryKeys()));
            ps.setString(4, state.syncRunId());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DestinationException(
                    "Cannot commit the cursor of stream " + state.stream() + ": " + e.getMessage(), e);
        }
    }

    void reject(RejectedRecord record) {
        try (PreparedStatement ps = connection.prepareStatement(DuckDbSql.statement("reject").sql())) {
            ps.setString(1, record.stream());
            ps.setString(2, record.pageUrl());
            ps.setString(3, record.reason());
            ps.setString(4, record.raw());
            ps.setString(5, record.syncRunId());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DestinationException("Cannot record a rejected record of stream " + record.stream() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Optional<SyncState> read(Connection connection, BoundaryKeys boundaryKeys, String stream)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DuckDbSql.statement("load-state").sql())) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant cursor = rs.getObject(1, OffsetDateTime.class).toInstant();
                return Optional.of(
                        new SyncState(stream, cursor, boundaryKeys.parse(rs.getString(2), stream), rs.getString(3)));
            }
        }
    }

    /**
     * What {@code sync.check} reads of the file at the path, leaving everything as it was: the stream's committed state,
     * the file attached read-only (nothing created in it, nothing written; a file another process is writing cannot be
     * opened, and says so). A file that does not exist yet is {@link StateCheck#missing}, the first sync creates it
     * with its folders, when they can be made: a folder is made in the nearest existing one, and removed, to find out.
     * Anything else is a {@link DestinationException} saying what cannot be done with the path.
     */
    static StateCheck check(String path, BoundaryKeys boundaryKeys, String stream) {
        Path file = Path.of(path).toAbsolutePath();
        if (!Files.exists(file)) {
            String cannot = whyNoFolderCanBeMade(file.getParent());
            if (cannot != null) {
                throw new DestinationException("cannot create " + path + ": " + cannot, null);
            }
            return StateCheck.missing("does not exist yet; the first sync creates it");
        }
        if (!Files.isRegularFile(file)) {
            throw new DestinationException("cannot open " + path + ": not a file", null);
        }
        if (!Files.isWritable(file)) {
            throw new DestinationException("cannot open " + path + ": not writable, and a sync writes it", null);
        }
        try (Connection reading = DuckDbFile.openReadOnly(path); Statement st = reading.createStatement()) {
            // a file made by DuckDB but not by this loader yet has no _sync_state: never synced
            try (ResultSet rs = st
                    .executeQuery(DuckDbSql.statement("has-sync-state").literal("catalog", DuckDbFile.CATALOG).sql())) {
                if (!rs.next() || rs.getLong(1) == 0) {
                    return StateCheck.read(null);
                }
            }
            return StateCheck.read(read(reading, boundaryKeys, stream).orElse(null));
        } catch (SQLException | RuntimeException e) {
            // DuckDB names the file in its message too ("The file "<path>" exists, but ..."): once is enough
            String why = String.valueOf(e.getMessage()).replace(" \"" + path + "\"", "");
            throw new DestinationException("cannot open " + path + ": " + why, e);
        }
    }

    /** Null when a folder can be made in the folder's nearest existing ancestor (the folder itself, if it exists). */
    private static String whyNoFolderCanBeMade(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "none of its folders exists";
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is not a folder";
        }
        try {
            Files.delete(Files.createTempDirectory(existing, ".freshdesk-check-"));
            return null;
        } catch (IOException | RuntimeException e) {
            return "nothing can be made in " + existing + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
