package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.table.StreamTable;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code destination.duckdb.memory-limit}, {@code threads}, {@code checkpoint-threshold} and {@code row-group-size} reach
 * DuckDB; a wrong value stops the start naming its key.
 */
class DuckDbLimitsTest {

    @TempDir
    Path dir;

    DuckDbDestination open(String memoryLimit, OptionalInt threads) {
        return new DuckDbDestination(DuckDbDestination.Settings.defaults(dir.resolve("f.duckdb").toString())
                .withMemoryLimit(memoryLimit)
                .withThreads(threads), new BoundaryKeys(new ObjectMapper()));
    }

    @Test
    void theMemoryLimitAndThreadsAreDuckDbsOwnSettings() {
        try (DuckDbDestination duckDb = open("256MB", OptionalInt.of(1))) {
            // DuckDB shows 256 MB (10^6 bytes) in binary units
            assertThat(duckDb.setting("memory_limit")).isEqualTo("244.1 MiB");
            assertThat(duckDb.setting("threads")).isEqualTo("1");
            assertThat(duckDb.describe()).contains("memory_limit 244.1 MiB", "threads 1");
            // beyond the memory limit DuckDB spills beside the file, not into the working directory
            assertThat(duckDb.setting("temp_directory")).isEqualTo(dir.resolve("f.duckdb") + ".tmp");
        }
        try (DuckDbDestination duckDb = open("1GiB", OptionalInt.empty())) {
            assertThat(duckDb.setting("memory_limit")).isEqualTo("1.0 GiB");
            assertThat(Integer.parseInt(duckDb.setting("threads")))
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
            // the shipped checkpoint threshold, not DuckDB's 16 MB
            assertThat(duckDb.setting("checkpoint_threshold")).isEqualTo("244.1 MiB");
        }
        try (DuckDbDestination duckDb = new DuckDbDestination(
                DuckDbDestination.Settings.defaults(dir.resolve("g.duckdb")
                        .toString()).withCheckpointThreshold("1GB").withThreads(OptionalInt.empty()),
                new BoundaryKeys(new ObjectMapper()))) {
            assertThat(duckDb.setting("checkpoint_threshold")).isEqualTo("953.6 MiB");
        }
    }

    @Test
    void rowsAreWrittenInRowGroupsOfTheConfiguredSize() {
        StreamTable tickets = FreshdeskCatalogue.TICKETS
                .table();
        List<Row> rows = new ArrayList<>();
        for (int id = 1; id <= 5_000; id++) {
            rows.add(new Row(id,
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(id),
                    Map.of("subject", "ticket " + id), "{\"id\":" + id + "}"));
        }
        for (int rowGroupSize : new int[]{2_048,
                DestinationConfig.Duckdb.DEFAULT_ROW_GROUP_SIZE}) {
            try (DuckDbDestination duckDb = new DuckDbDestination(DuckDbDestination.Settings.defaults(
                    dir.resolve(rowGroupSize + ".duckdb").toString())
                    .withMemoryLimit("256MB")
                    .withRowGroupSize(rowGroupSize),
                    new BoundaryKeys(new ObjectMapper()))) {
                duckDb.prepare(tickets);
                duckDb.write(tickets, rows, "run");
                duckDb.merge(tickets);
                duckDb.execute("CHECKPOINT");
                // the file's own tables, not an in-memory copy: the rows are in the file, in groups of at most the size
                assertThat(duckDb.query("SELECT count(*) AS n FROM tickets").get(0).get("n")).isEqualTo(5_000L);
                Object groups = duckDb
                        .query("SELECT count(DISTINCT row_group_id) AS n FROM pragma_storage_info('tickets')")
                        .get(0)
                        .get("n");
                assertThat(groups).isEqualTo(rowGroupSize == 2_048 ? 3L : 1L);
                assertThat(duckDb.describe()).contains("row groups of " + rowGroupSize + " rows");
            }
            try (var file = new DuckDBDriver().connect(
                    "jdbc:duckdb:" + dir.resolve(rowGroupSize + ".duckdb"),
                    new Properties());
                    var st = file.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM tickets_changes")) {
                // any DuckDB opens the file as it is, with no setting of its own
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5_000L);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aWrongValueIsRefusedNamingTheKey() {
        DuckDbDestination.Settings defaults = DuckDbDestination.Settings.defaults(dir.resolve("g.duckdb").toString());
        assertThatThrownBy(
                () -> new DuckDbDestination(defaults.withRowGroupSize(3_000), new BoundaryKeys(new ObjectMapper())))
                .hasMessageContaining("destination.duckdb.row-group-size 3000");
        assertThatThrownBy(
                () -> new DuckDbDestination(defaults.withMergeEveryBatches(-1), new BoundaryKeys(new ObjectMapper())))
                .hasMessageContaining("destination.duckdb.merge-every-batches");
        assertThatThrownBy(() -> open("lots", OptionalInt.empty()))
                .hasMessageContaining("destination.duckdb.memory-limit 'lots'");
        assertThatThrownBy(() -> open("512MB", OptionalInt.of(0)))
                .hasMessageContaining("destination.duckdb.threads");
        assertThatThrownBy(() -> new DuckDbDestination(defaults.withCheckpointThreshold("often"),
                new BoundaryKeys(new ObjectMapper())))
                .hasMessageContaining("destination.duckdb.checkpoint-threshold 'often'");
        // refused before the file is opened: nothing made
        assertThat(dir.resolve("g.duckdb")).doesNotExist();
    }
}
