package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.table.StreamTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A table made by an older version (fewer columns) gets the columns added since; its rows are kept. */
class DuckDbSchemaEvolutionTest {

    @TempDir
    Path dir;

    @Test
    void anOlderTicketsTableGetsTheDeletionColumnsAndKeepsItsRows() {
        StreamTable now = FreshdeskCatalogue.TICKETS.table();
        StreamTable before = new StreamTable("tickets", now.columns()
                .stream()
                .filter(c -> !List.of("deleted", "spam", FreshdeskStream.DELETED_AT).contains(c.name()))
                .toList());
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        try (DuckDbDestination duckDb = new DuckDbDestination(DuckDbDestination.Settings.defaults(
                dir.resolve("f.duckdb").toString()).withMemoryLimit("256MB"), new BoundaryKeys(new ObjectMapper()))) {
            duckDb.prepare(before);
            duckDb.write(before, List.of(new Row(1, t, Map.of("subject", "old"), "{\"id\":1}")), "run-1");
            duckDb.merge(before);

            duckDb.prepare(now);
            duckDb.write(now,
                    List.of(new Row(2, t, Map.of("subject", "new", "deleted", true, FreshdeskStream.DELETED_AT, t),
                            "{\"id\":2,\"deleted\":true}")),
                    "run-2");
            duckDb.merge(now);

            assertThat(duckDb.query("SELECT id, subject, deleted FROM tickets ORDER BY id"))
                    .extracting(row -> row.get("subject") + "/" + row.get("deleted"))
                    .containsExactly("old/null", "new/true");
            assertThat(duckDb.query("SELECT count(*) AS n FROM tickets_changes WHERE _deleted_at IS NOT NULL")
                    .get(0)
                    .get("n"))
                    .isEqualTo(1L);
        }
    }
}
