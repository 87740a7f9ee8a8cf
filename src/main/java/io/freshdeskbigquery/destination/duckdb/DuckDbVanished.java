package io.freshdeskbigquery.destination.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.WriteResult;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The rows gone from a list read whole: after a complete read, the current table's rows not among the ids read get
 * {@code _deleted_at} (now), those among them lose it. Used under the destination's lock, on its writes' connection.
 */
final class DuckDbVanished {

    private final Connection connection;

    DuckDbVanished(Connection connection) {
        this.connection = connection;
    }

    /**
     * Marks the rows gone and back, one transaction, the ids read appended to a temporary table first. Answers the
     * rows marked gone (updated) and back (inserted).
     */
    WriteResult markVanished(SeenIds seen) {
        String current = seen.table().currentTable();
        String seenTable = "_seen_" + seen.table().name();
        try {
            DuckDbTransaction.begin(connection);
            try (Statement st = connection.createStatement()) {
                st.execute(DuckDbSql.statement("create-seen").name("seen", seenTable).sql());
            }
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
                    .createAppender("temp", "main", seenTable)) {
                for (long id : seen.ids()) {
                    appender.beginRow();
                    appender.append(id);
                    appender.endRow();
                }
                appender.flush();
            }
            int gone;
            int back;
            try (Statement st = connection.createStatement()) {
                gone = st.executeUpdate(
                        DuckDbSql.statement("mark-gone").name("current", current).name("seen", seenTable).sql());
                back = st.executeUpdate(
                        DuckDbSql.statement("mark-back").name("current", current).name("seen", seenTable).sql());
                st.execute(DuckDbSql.statement("drop-table").name("table", seenTable).sql());
            }
            connection.commit();
            return new WriteResult(back, gone, 0);
        } catch (SQLException | RuntimeException e) {
            DuckDbTransaction.rollback(connection);
            throw new DestinationException("Cannot mark the rows of " + seen.table().currentTable()
                    + " gone from its list: " + e.getMessage(), e);
        } finally {
            DuckDbTransaction.autoCommit(connection);
        }
    }
}
