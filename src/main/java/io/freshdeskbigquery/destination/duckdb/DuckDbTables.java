package io.freshdeskbigquery.destination.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.CustomField;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;

/**
 * A stream's tables in the file: {@code <stream>} and {@code <stream>_changes} made when missing, with the stream's
 * columns (a table made by an older version gets those added since), and its custom-field view. Neither table has a
 * primary key (BENCHMARKS.md#decision-no-primary-keys); a history made by an older version may have one, and is noted
 * ({@link #keyed}). Used under the destination's lock, on its writes' connection; {@link #keyed} is read by the merges
 * too, beside the writes.
 */
final class DuckDbTables {

    /**
     * How a record's JSON is stored, in the tables this version makes (the column keeps it; tables made before keep
     * DuckDB's choice): zstd, whatever the length. DuckDB's own choice for records of about a kilobyte (tickets as the
     * list sends them) is mostly FSST, which stores them larger and costs more to weigh and write at every checkpoint:
     * with zstd a million tickets took 44% less disk and about 7% less of the loader's CPU (BENCHMARKS.md#decision-zstd-for-the-record).
     */
    static final String RECORD_COMPRESSION = "zstd";

    private final Connection connection;
    /** Histories made by an older version, with their primary key (id, updated_at): a version already there is skipped
     * as it is written (INSERT OR IGNORE), as it always was. */
    private final Set<String> keyedHistories = ConcurrentHashMap.newKeySet();

    DuckDbTables(Connection connection) {
        this.connection = connection;
    }

    /** Makes the stream's tables, or adds the columns they lack; answers whether its history has a primary key. */
    boolean create(StreamTable table) throws SQLException {
        String columns = columnDefinitions(table);
        try (Statement st = connection.createStatement()) {
            // no primary keys: the merge keeps one row per id in the current table and one per version in the history
            for (String stored : List.of(table.currentTable(), table.changesTable())) {
                st.execute(DuckDbSql.statement("create-stream-table")
                        .name("table", stored)
                        .sql("columns", columns)
                        .sql("recordCompression", RECORD_COMPRESSION)
                        .sql());
            }
            // tables made by an older version get the columns added since (empty in the rows loaded before)
            for (Column column : table.columns()) {
                for (String existing : List.of(table.currentTable(), table.changesTable())) {
                    st.execute(DuckDbSql.statement("add-column")
                            .name("table", existing)
                            .name("column", column.name())
                            .sql("type", DuckDbSql.sqlType(column.type()))
                            .sql());
                }
            }
            boolean keyed;
            try (ResultSet rs = st.executeQuery(DuckDbSql.statement("primary-keys")
                    .literal("catalog", DuckDbFile.CATALOG)
                    .literal("table", table.changesTable())
                    .sql())) {
                keyed = rs.next() && rs.getLong(1) > 0;
            }
            if (keyed) {
                keyedHistories.add(table.changesTable());
            } else {
                keyedHistories.remove(table.changesTable());
            }
            return keyed;
        }
    }

    /**
     * Whether the history (made by an older version) has its primary key (id, updated_at), as last {@link #create}
     * found.
     */
    boolean keyed(String changesTable) {
        return keyedHistories.contains(changesTable);
    }

    /** The stream's own columns, each {@code , "name" TYPE}, as a table made for it declares them after the first two. */
    static String columnDefinitions(StreamTable table) {
        return table.columns()
                .stream()
                .map(c -> ", " + DuckDbSql.quote(c.name()) + " " + DuckDbSql.sqlType(c.type()))
                .collect(Collectors.joining());
    }

    /**
     * (Re)makes {@code <table>_with_custom_fields}: the current table and one column per custom field, cast from the
     * record's {@code custom_fields} ({@code TRY_CAST}: a value that does not fit is NULL there, and stays in
     * {@code record}).
     */
    void customFieldsView(CustomFieldsView view) throws SQLException {
        StringBuilder fields = new StringBuilder();
        for (CustomField field : view.columns()) {
            fields.append(", ")
                    .append(DuckDbSql.statement("custom-field")
                            .literal("path", "$.custom_fields." + field.name())
                            .sql("type", switch (field.kind()) {
                                case NUMBER -> "BIGINT";
                                case DECIMAL -> "DOUBLE";
                                case BOOLEAN -> "BOOLEAN";
                                case DATE -> "DATE";
                                case TEXT -> "VARCHAR";
                            })
                            .name("column", field.name())
                            .sql());
        }
        String sql = DuckDbSql.statement("custom-fields-view")
                .name("view", view.viewName())
                .sql("fields", fields.toString())
                .name("current", view.table().currentTable())
                .sql();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
