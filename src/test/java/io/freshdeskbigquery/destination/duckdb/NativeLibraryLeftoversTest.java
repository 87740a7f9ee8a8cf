package io.freshdeskbigquery.destination.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The copies of DuckDB's JNI library that killed JVMs left in the temporary folder go; a live JVM's copy stays. */
class NativeLibraryLeftoversTest {

    @TempDir
    Path tmp;

    @Test
    void copiesFromBeforeThisJvmAreRemovedAndFreshOnesKept() throws Exception {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        Instant jvmStart = now.minusSeconds(10);
        Path killed = copy("libduckdb_java123.so", now.minus(Duration.ofHours(3)));
        // a JVM started just before this one: its copy may be about to be loaded
        Path neighbours = copy("libduckdb_java456.so", now.minusSeconds(30));
        Path ours = copy("libduckdb_java789.so", now.minusSeconds(5));
        Path other = copy("unrelated.so", now.minus(Duration.ofHours(3)));

        int removed = NativeLibraryLeftovers.remove(tmp, jvmStart, now);

        assertThat(removed).isEqualTo(1);
        assertThat(killed).doesNotExist();
        assertThat(neighbours).exists();
        assertThat(ours).exists();
        assertThat(other).exists();
    }

    private Path copy(String name, Instant written) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), "x");
        Files.setLastModifiedTime(file, FileTime.from(written));
        return file;
    }
}
