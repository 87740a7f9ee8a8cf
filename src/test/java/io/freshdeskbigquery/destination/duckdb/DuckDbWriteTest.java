package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What a batch does to the history and the current table, counted as the run's summary counts it. */
class DuckDbWriteTest {

    static final Instant T1 = Instant.parse("2025-01-01T00:00:01Z");
    static final Instant T2 = Instant.parse("2025-01-01T00:00:02Z");

    @TempDir
    Path dir;

    static Row row(long id, Instant updatedAt) {
        return new Row(id, updatedAt, Map.of("name", "s" + id + "@" + updatedAt), "{\"id\":" + id + ",\"updated_at\":\"" + updatedAt + "\"}");
    }

    @Test
    void aBatchWithVersionsAlreadyInTheHistoryInsertsTheNewOnesAndUpdatesTheCurrentRows() {
        try (DuckDbDestination duckDb = new DuckDbDestination(dir.resolve("f.duckdb").toString(), "256MB", "256MB",
                OptionalInt.of(1), new BoundaryKeys(new ObjectMapper()))) {
            var table = FreshdeskStream.COMPANIES.table();
            duckDb.prepare(table);
            WriteResult first = duckDb.write(table, List.of(row(1, T1), row(2, T1), row(3, T1)), "run-1");
            assertThat(first).isEqualTo(new WriteResult(3, 0, 0));
            // 1 changed; 2 and 3 read again as they were (a list read whole): their versions are in the history already
            WriteResult second = duckDb.write(table, List.of(row(1, T2), row(2, T1), row(3, T1)), "run-2");
            assertThat(second).isEqualTo(new WriteResult(0, 1, 2));
            assertThat(duckDb.query("SELECT count(*) AS n FROM companies_changes").get(0).get("n")).isEqualTo(4L);
            assertThat(duckDb.query("SELECT name FROM companies WHERE id = 1").get(0).get("name")).isEqualTo("s1@" + T2);
            // a batch of new versions only
            WriteResult third = duckDb.write(table, List.of(row(2, T2), row(4, T2)), "run-3");
            assertThat(third).isEqualTo(new WriteResult(1, 1, 0));
            assertThat(duckDb.query("SELECT count(*) AS n FROM companies").get(0).get("n")).isEqualTo(4L);
            assertThat(duckDb.query("SELECT count(*) AS n FROM companies_changes").get(0).get("n")).isEqualTo(6L);
        }
    }

    @Test
    void aRecordWhoseBytesAreNotUtf8IsKeptWithReplacementCharactersAndItsBatchWithIt() {
        // a UTF-8-encoded surrogate (ED A0 80): the JSON parser lets it through, DuckDB's decode does not
        byte[] broken = {'{', '"', 'i', 'd', '"', ':', '8', ',', '"', 'n', '"', ':', '"', 'a', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, 'b', '"', '}'};
        try (DuckDbDestination duckDb = new DuckDbDestination(dir.resolve("f.duckdb").toString(), "256MB", "256MB",
                OptionalInt.of(1), new BoundaryKeys(new ObjectMapper()))) {
            var table = FreshdeskStream.COMPANIES.table();
            duckDb.prepare(table);
            WriteResult written = duckDb.write(table, List.of(row(1, T1), new Row(8, T1, Map.of("name", "n"), broken),
                    row(9, T1)), "run-1");

            assertThat(written).isEqualTo(new WriteResult(3, 0, 0));
            assertThat(duckDb.query("SELECT record->>'n' AS n FROM companies WHERE id = 8").get(0).get("n").toString())
                    .startsWith("a\ufffd").endsWith("b");
            assertThat(duckDb.query("SELECT count(*) AS n FROM companies_changes").get(0).get("n")).isEqualTo(3L);
        }
    }

    @Test
    void theRecordArrivesAsItsTextCameInMultiByteCharactersIncluded() {
        // the record goes to DuckDB as the UTF-8 bytes Freshdesk sent (staged as a BLOB, decoded there)
        String text = "{\"id\":7,\"name\":\"Caf\u00e9 \u2603 \u65e5\u672c \ud83d\ude00\",\"note\":\"a \\\"quote\\\" \\u00e9\"}";
        try (DuckDbDestination duckDb = new DuckDbDestination(dir.resolve("f.duckdb").toString(), "256MB", "256MB",
                OptionalInt.of(1), new BoundaryKeys(new ObjectMapper()))) {
            var table = FreshdeskStream.COMPANIES.table();
            duckDb.prepare(table);
            duckDb.write(table, List.of(new Row(7, T1, Map.of("name", "Caf\u00e9"), text)), "run-1");
            for (String stored : List.of("companies", "companies_changes")) {
                var row = duckDb.query("SELECT record::VARCHAR AS record, record->>'name' AS name FROM " + stored).get(0);
                assertThat(row.get("record")).as(stored).isEqualTo(text);
                assertThat(row.get("name")).as(stored).isEqualTo("Caf\u00e9 \u2603 \u65e5\u672c \ud83d\ude00");
            }
        }
    }
}
