package io.freshdeskbigquery.destination.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A transaction on one of the file's connections: begun, and ended whatever happened. */
final class DuckDbTransaction {

    private DuckDbTransaction() {
    }

    /**
     * Begins a transaction on the connection. Out of auto-commit DuckDB begins one at a connection's first statement:
     * an appender used before any appends in a transaction of its own, committed at once, which a rollback does not
     * undo (DuckDbWriteTest). This is that first statement.
     */
    static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute(DuckDbSql.statement("begin").sql());
        }
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error is the one worth reporting
        }
    }

    /** Back to auto-commit, after a transaction committed or rolled back. */
    static void autoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; the next call reports it
        }
    }
}
