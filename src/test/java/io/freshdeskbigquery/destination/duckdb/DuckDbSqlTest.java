package io.freshdeskbigquery.destination.duckdb;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statement files and how their places are filled: names quoted, strings escaped, nothing left unfilled. */
class DuckDbSqlTest {

    @Test
    void aNameIsQuotedWithItsQuotesDoubled() {
        assertThat(DuckDbSql.statement("drop-table").name("table", "tick\"ets").sql())
                .isEqualTo("DROP TABLE \"tick\"\"ets\"");
    }

    @Test
    void aStringIsALiteralWithItsQuotesDoubled() {
        assertThat(DuckDbSql.statement("current-setting").literal("name", "it's").sql())
                .isEqualTo("SELECT current_setting('it''s')");
    }

    @Test
    void aValueHoldingAPlaceIsNotFilledAgain() {
        assertThat(DuckDbSql.statement("mark-gone").name("current", "${seen}").name("seen", "_seen_x").sql())
                .isEqualTo("UPDATE \"${seen}\" SET _deleted_at = now() WHERE _deleted_at IS NULL"
                        + " AND id NOT IN (SELECT id FROM \"_seen_x\")");
    }

    @Test
    void aFileOfSeveralStatementsGivesThemInOrderEachOnOneLine() {
        assertThat(
                DuckDbSql.statement("open-read-only").literal("path", "/data/a;b.duckdb").name("catalog", "f").sqls())
                .containsExactly("ATTACH '/data/a;b.duckdb' AS \"f\" (READ_ONLY)", "USE \"f\"", "SET TimeZone = 'UTC'");
        assertThat(DuckDbSql.statement("merge-newer-versions").name("fresh", "_merge_t").sql())
                .doesNotContain("\n");
    }

    @Test
    void aPlaceLeftEmptyOrAValueForNoPlaceIsRefused() {
        assertThatThrownBy(() -> DuckDbSql.statement("drop-table").sql())
                .hasMessageContaining("duckdb/drop-table.sql: no value for ${table}");
        assertThatThrownBy(() -> DuckDbSql.statement("drop-table").name("table", "t").name("tables", "u").sql())
                .hasMessageContaining("duckdb/drop-table.sql has no place [tables]");
        assertThatThrownBy(() -> DuckDbSql.statement("no-such-statement"))
                .hasMessageContaining("No statement file duckdb/no-such-statement.sql");
    }

    @Test
    void theStatementFilesGoIntoANativeImage() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("quarkus.native.resources.includes").split(",")).contains("duckdb/*.sql");
    }
}
