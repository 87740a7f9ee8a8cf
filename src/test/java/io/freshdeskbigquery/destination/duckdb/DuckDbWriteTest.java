package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.table.StreamTable;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a batch does to the history, and what a merge then does to the current table (counted as the run's summary
 * counts it): a write appends, a merge brings the current table up to date and keeps each version once.
 */
class DuckDbWriteTest {

    static final Instant T1 = Instant.parse("2025-01-01T00:00:01Z");
    static final Instant T2 = Instant.parse("2025-01-01T00:00:02Z");
    static final StreamTable COMPANIES = FreshdeskCatalogue.COMPANIES.table();

    @TempDir
    Path dir;

    static Row row(long id, Instant updatedAt) {
        return new Row(id, updatedAt, Map.of("name", "s" + id + "@" + updatedAt),
                "{\"id\":" + id + ",\"updated_at\":\"" + updatedAt + "\"}");
    }

    DuckDbDestination open() {
        return new DuckDbDestination(DuckDbDestination.Settings.defaults(dir.resolve("f.duckdb").toString())
                .withMemoryLimit("256MB"), new BoundaryKeys(new ObjectMapper()));
    }

    static long count(DuckDbDestination duckDb, String sql) {
        return (Long) duckDb.query(sql).get(0).values().iterator().next();
    }

    @Test
    void aMergeInsertsTheNewIdsUpdatesTheNewerVersionsAndKeepsEachVersionOnce() {
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            assertThat(duckDb.write(COMPANIES, List.of(row(1, T1), row(2, T1), row(3, T1)), "run-1"))
                    .isEqualTo(WriteResult.NONE);
            // written: in the history, not yet in the current table
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(3);
            assertThat(count(duckDb, "SELECT count(*) FROM companies")).isZero();
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(3, 0, 0));
            assertThat(count(duckDb, "SELECT count(*) FROM companies")).isEqualTo(3);

            // 1 changed; 2 and 3 read again as they were (a list read whole): their versions are in the history already
            duckDb.write(COMPANIES, List.of(row(1, T2), row(2, T1), row(3, T1)), "run-2");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(0, 1, 2));
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(4);
            assertThat(duckDb.query("SELECT name FROM companies WHERE id = 1").get(0).get("name"))
                    .isEqualTo("s1@" + T2);

            // two batches before a merge: a new version, a new id, and a version written twice
            duckDb.write(COMPANIES, List.of(row(2, T2), row(4, T2)), "run-3");
            duckDb.write(COMPANIES, List.of(row(4, T2), row(1, T1)), "run-3");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(1, 1, 2));
            assertThat(duckDb.query("SELECT id, name FROM companies ORDER BY id")).extracting(r -> r.get("name"))
                    .containsExactly("s1@" + T2, "s2@" + T2, "s3@" + T1, "s4@" + T2);
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(6);
            assertThat(count(duckDb, "SELECT count(DISTINCT (id, updated_at)) FROM companies_changes")).isEqualTo(6);

            // nothing new: a merge changes nothing
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(WriteResult.NONE);
            assertThat(count(duckDb, "SELECT count(*) FROM companies")).isEqualTo(4);
        }
    }

    @Test
    void rowsWrittenButNotMergedBeforeAStopAreMergedByTheNextProcess() {
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(row(1, T1), row(2, T1)), "run-1");
            // the process stops here: no merge
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            // the pages after the last committed cursor are read again: version 2@T1 comes twice
            duckDb.write(COMPANIES, List.of(row(2, T1), row(3, T1)), "run-2");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(3, 0, 1));
            assertThat(duckDb.query("SELECT id FROM companies ORDER BY id")).extracting(r -> r.get("id"))
                    .containsExactly(1L, 2L, 3L);
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(3);
        }
    }

    @Test
    void aBatchIsLoadedAfterEveryRowAlreadyInTheHistoryWhateverTheClockSays() {
        Instant tomorrow = Instant.now().plusSeconds(86_400).truncatedTo(ChronoUnit.MICROS);
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(row(1, T1)), "run-1");
            // a row loaded by a process whose clock ran a day ahead, and merged
            duckDb.execute("UPDATE companies_changes SET _loaded_at = '" + tomorrow + "'::TIMESTAMPTZ");
            duckDb.merge(COMPANIES);
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(row(2, T1)), "run-2");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(1, 0, 0));
            assertThat(count(duckDb, "SELECT count(*) FROM companies")).isEqualTo(2);
        }
    }

    @Test
    void aFileWhoseTablesHaveTheirPrimaryKeysKeepsWorking() throws Exception {
        // the tables as versions before the merge made them: keys on both, the current table written with the history
        try (DuckDbDestination duckDb = open()) {
            duckDb.execute("CREATE TABLE companies (id BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL, name VARCHAR,"
                    + " record JSON NOT NULL, _loaded_at TIMESTAMPTZ NOT NULL, _sync_run_id VARCHAR NOT NULL, PRIMARY KEY (id))");
            duckDb.execute(
                    "CREATE TABLE companies_changes (id BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL, name VARCHAR,"
                            + " record JSON NOT NULL, _loaded_at TIMESTAMPTZ NOT NULL, _sync_run_id VARCHAR NOT NULL,"
                            + " PRIMARY KEY (id, updated_at))");
            for (String table : List.of("companies", "companies_changes")) {
                duckDb.execute("INSERT INTO " + table + " VALUES (1, '" + T1
                        + "', 'old', '{\"id\":1}', '2025-01-01T00:00:00Z',"
                        + " 'run-0'), (2, '" + T1 + "', 'old', '{\"id\":2}', '2025-01-01T00:00:00Z', 'run-0')");
            }
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            // version 1@T1 is in the history already; 1@T2 and 3 are new
            duckDb.write(COMPANIES, List.of(row(1, T1), row(1, T2), row(3, T1)), "run-1");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(1, 1, 0));
            assertThat(duckDb.query("SELECT id, name FROM companies ORDER BY id")).extracting(r -> r.get("name"))
                    .containsExactly("s1@" + T2, "old", "s3@" + T1);
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(4);
        }
    }

    @Test
    void aBatchThatFailsPartWayLeavesNoRowOfItInTheHistory() {
        // 3,000 rows, the 2,500th with a value the loader cannot hold: more than a chunk (2,048) appended before it
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 3000; id++) {
            rows.add(id == 2500
                    ? new Row(id, T1, Map.of("created_at", "not an instant"), "{\"id\":2500}")
                    : row(id, T1));
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            assertThatThrownBy(() -> duckDb.write(COMPANIES, rows, "run-1"))
                    .isInstanceOf(DestinationException.class)
                    .hasMessageContaining("companies")
                    .hasMessageContaining("ids 1..3000");
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isZero();

            // the same batch mended: every row once
            rows.set(2499, row(2500, T1));
            duckDb.write(COMPANIES, rows, "run-1");
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(3000);
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(3000, 0, 0));
        }
        // and it is on the file, not only in this process's view
        try (DuckDbDestination duckDb = open()) {
            assertThat(count(duckDb, "SELECT count(DISTINCT id) FROM companies_changes")).isEqualTo(3000);
        }
    }

    @Test
    void aBatchTheTableRefusesFailsLoudlyAndLeavesNothing() {
        // a constraint the loader does not know of (a history made by hand): DuckDB refuses the batch only as the
        // appended rows reach the table, and that refusal must reach the caller, not vanish with the rows
        try (DuckDbDestination duckDb = open()) {
            duckDb.execute("CREATE TABLE companies_changes (id BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                    + " name VARCHAR NOT NULL, description VARCHAR, domains JSON, industry VARCHAR, created_at TIMESTAMPTZ,"
                    + " custom_fields JSON, record JSON NOT NULL, _loaded_at TIMESTAMPTZ NOT NULL, _sync_run_id VARCHAR NOT NULL)");
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            assertThatThrownBy(
                    () -> duckDb.write(COMPANIES, List.of(row(1, T1), new Row(2, T1, Map.of(), "{\"id\":2}")), "run-1"))
                    .isInstanceOf(DestinationException.class)
                    .hasMessageContaining("companies")
                    .hasMessageContaining("NOT NULL");
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isZero();
            duckDb.write(COMPANIES, List.of(row(3, T1)), "run-1");
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(1);
        }
    }

    @Test
    void aHistoryWhoseColumnHasAnotherTypeGetsTheValuesCast() {
        // a column an earlier layout typed otherwise (text where the loader now has a timestamp)
        try (DuckDbDestination duckDb = open()) {
            duckDb.execute("CREATE TABLE companies_changes (id BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                    + " created_at VARCHAR, record JSON NOT NULL, _loaded_at TIMESTAMPTZ NOT NULL, _sync_run_id VARCHAR NOT NULL)");
        }
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(new Row(1, T2, Map.of("name", "n", "created_at", T1), "{\"id\":1}")),
                    "run-1");
            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(1, 0, 0));
            assertThat(duckDb.query(
                    "SELECT name, created_at::TIMESTAMPTZ = '" + T1 + "'::TIMESTAMPTZ AS same FROM companies_changes"))
                    .extracting(r -> r.get("name") + "/" + r.get("same"))
                    .containsExactly("n/true");
        }
    }

    @Test
    void aRecordWhoseBytesAreNotUtf8IsKeptWithReplacementCharactersAndItsBatchWithIt() {
        // a UTF-8-encoded surrogate (ED A0 80): the JSON parser lets it through, DuckDB does not
        byte[] broken = {'{', '"', 'i', 'd', '"', ':', '8', ',', '"', 'n', '"', ':', '"', 'a', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, 'b', '"', '}'};
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(row(1, T1), new Row(8, T1, Map.of("name", "n"), broken), row(9, T1)),
                    "run-1");

            assertThat(duckDb.merge(COMPANIES)).isEqualTo(new WriteResult(3, 0, 0));
            assertThat(duckDb.query("SELECT record->>'n' AS n FROM companies WHERE id = 8").get(0).get("n").toString())
                    .startsWith("a\ufffd")
                    .endsWith("b");
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(3);
        }
    }

    @Test
    void theRecordArrivesAsItsTextCameInMultiByteCharactersIncluded() {
        // the record goes to DuckDB as the UTF-8 bytes Freshdesk sent
        String text = "{\"id\":7,\"name\":\"Caf\u00e9 \u2603 \u65e5\u672c \ud83d\ude00\",\"note\":\"a \\\"quote\\\" \\u00e9\"}";
        try (DuckDbDestination duckDb = open()) {
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(new Row(7, T1, Map.of("name", "Caf\u00e9"), text)), "run-1");
            duckDb.merge(COMPANIES);
            for (String stored : List.of("companies", "companies_changes")) {
                var row = duckDb.query("SELECT record::VARCHAR AS record, record->>'name' AS name FROM " + stored)
                        .get(0);
                assertThat(row.get("record")).as(stored).isEqualTo(text);
                assertThat(row.get("name")).as(stored).isEqualTo("Caf\u00e9 \u2603 \u65e5\u672c \ud83d\ude00");
            }
        }
    }

    /** A record of about {@code bytes} of JSON: a text of words picked from a few dozen, as a ticket's description is. */
    static Row withText(long id, int bytes, Random random) {
        String[] words = {"printer", "invoice", "refund", "thanks", "please", "update", "account", "order", "shipping",
                "the", "a", "we", "you", "cannot", "log", "in", "after", "yesterday's", "release", "screenshot"};
        StringBuilder text = new StringBuilder();
        while (text.length() < bytes) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return new Row(id, T1, Map.of("name", "c" + id), "{\"id\":" + id + ",\"description_text\":\"" + text + "\"}");
    }

    static String storageVersion(DuckDbDestination duckDb) {
        return (String) duckDb.query("SELECT map_extract_value(tags, 'storage_version') AS v FROM duckdb_databases()"
                + " WHERE database_name = 'freshdesk'").get(0).get("v");
    }

    @Test
    void longRecordsAreStoredCompressedNotAsTheirText() {
        // about 2.7 KB a record and every tenth one over 4 KB, as tickets with their description are: FSST and the
        // dictionary take no segment holding a text over 4 KB; DuckDB's default format then stores the segment as it is
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        long textBytes = 0;
        for (long id = 1; id <= 6_000; id++) {
            Row row = withText(id, id % 10 == 0 ? 9_000 : 2_000, random);
            rows.add(row);
            textBytes += row.recordUtf8().length;
        }
        try (DuckDbDestination duckDb = open()) {
            writeMergeAndCheckpoint(duckDb, rows);

            assertThat(storageVersion(duckDb)).isEqualTo("v1.2.0+");
            assertRecordsStoredWithZstd(duckDb);
            assertThat(count(duckDb, "SELECT count(*) FROM companies WHERE length(record::VARCHAR) > 8000"))
                    .isEqualTo(600);
        }
        // the history and the current table each hold every record: together in less than the text of one copy
        assertThat(dir.resolve("f.duckdb").toFile().length()).isLessThan(textBytes);
    }

    @Test
    void recordsOfAboutAKilobyteAreStoredWithZstdToo() {
        // tickets as the list sends them (about 950 bytes): DuckDB's own choice for such texts is mostly FSST, which
        // stores them larger than zstd does and costs more to choose and write at every checkpoint (BENCHMARKS.md#decision-zstd-for-the-record)
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 20_000; id++) {
            rows.add(withText(id, 900, random));
        }
        try (DuckDbDestination duckDb = open()) {
            writeMergeAndCheckpoint(duckDb, rows);

            assertRecordsStoredWithZstd(duckDb);
            assertThat(count(duckDb, "SELECT count(*) FROM companies")).isEqualTo(20_000);
        }
    }

    /** The rows into the history, merged into the current table, and both written to the file. */
    private static void writeMergeAndCheckpoint(DuckDbDestination duckDb, List<Row> rows) {
        duckDb.prepare(COMPANIES);
        duckDb.write(COMPANIES, rows, "run-1");
        duckDb.merge(COMPANIES);
        duckDb.execute("CHECKPOINT freshdesk");
    }

    /** Every segment of the record column, in the history and in the current table, stored with zstd. */
    private static void assertRecordsStoredWithZstd(DuckDbDestination duckDb) {
        for (String table : List.of("companies_changes", "companies")) {
            assertThat(duckDb.query("SELECT DISTINCT compression FROM pragma_storage_info('" + table + "')"
                    + " WHERE column_name = 'record' AND segment_type <> 'VALIDITY'")).as(table)
                    .extracting(r -> r.get("compression"))
                    .containsOnly("ZSTD");
        }
    }

    @Test
    void aFileInDuckDbsDefaultFormatIsReadAndMovedToTheNewOneAtItsFirstWrite() throws Exception {
        String path = dir.resolve("f.duckdb").toString();
        try (Connection old = new DuckDBDriver().connect("jdbc:duckdb:" + path,
                new Properties());
                Statement st = old.createStatement()) {
            st.execute("CREATE TABLE notes (id BIGINT, text VARCHAR)");
            st.execute("INSERT INTO notes VALUES (1, 'kept')");
        }
        try (DuckDbDestination duckDb = open()) {
            assertThat(duckDb.query("SELECT text FROM notes")).extracting(r -> r.get("text")).containsExactly("kept");
            duckDb.prepare(COMPANIES);
            duckDb.write(COMPANIES, List.of(row(1, T1)), "run-1");
        }
        try (DuckDbDestination duckDb = open()) {
            assertThat(storageVersion(duckDb)).isEqualTo("v1.2.0+");
            assertThat(count(duckDb, "SELECT count(*) FROM notes")).isEqualTo(1);
            assertThat(count(duckDb, "SELECT count(*) FROM companies_changes")).isEqualTo(1);
        }
    }
}
