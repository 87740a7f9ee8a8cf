package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Path;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code destination.duckdb.memory-limit} and {@code threads} reach DuckDB; a wrong value stops the start naming its key. */
class DuckDbLimitsTest {

    @TempDir
    Path dir;

    DuckDbDestination open(String memoryLimit, OptionalInt threads) {
        return new DuckDbDestination(dir.resolve("f.duckdb").toString(), memoryLimit, threads,
                new BoundaryKeys(new ObjectMapper()));
    }

    @Test
    void theMemoryLimitAndThreadsAreDuckDbsOwnSettings() {
        try (DuckDbDestination duckDb = open("256MB", OptionalInt.of(1))) {
            // DuckDB shows 256 MB (10^6 bytes) in binary units
            assertThat(duckDb.setting("memory_limit")).isEqualTo("244.1 MiB");
            assertThat(duckDb.setting("threads")).isEqualTo("1");
            assertThat(duckDb.describe()).contains("memory_limit 244.1 MiB", "threads 1");
        }
        try (DuckDbDestination duckDb = open("1GiB", OptionalInt.empty())) {
            assertThat(duckDb.setting("memory_limit")).isEqualTo("1.0 GiB");
            assertThat(Integer.parseInt(duckDb.setting("threads"))).isEqualTo(Runtime.getRuntime().availableProcessors());
            // the shipped checkpoint threshold, not DuckDB's 16 MB
            assertThat(duckDb.setting("checkpoint_threshold")).isEqualTo("244.1 MiB");
        }
        try (DuckDbDestination duckDb = new DuckDbDestination(dir.resolve("g.duckdb").toString(), "512MB", "1GB",
                OptionalInt.empty(), new BoundaryKeys(new ObjectMapper()))) {
            assertThat(duckDb.setting("checkpoint_threshold")).isEqualTo("953.6 MiB");
        }
    }

    @Test
    void aWrongValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> open("lots", OptionalInt.empty()))
                .hasMessageContaining("destination.duckdb.memory-limit 'lots'");
        assertThatThrownBy(() -> open("512MB", OptionalInt.of(0)))
                .hasMessageContaining("destination.duckdb.threads");
        assertThatThrownBy(() -> new DuckDbDestination(dir.resolve("g.duckdb").toString(), "512MB", "often",
                OptionalInt.empty(), new BoundaryKeys(new ObjectMapper())))
                .hasMessageContaining("destination.duckdb.checkpoint-threshold 'often'");
    }
}
