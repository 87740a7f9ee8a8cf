package io.freshdeskbigquery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM package holds DuckDB's Linux JNI libraries beside the driver's jar instead of inside it (pom.xml,
 * {@code duckdb.jni.out-of-jar}): with no copy in the jar to unpack into {@code java.io.tmpdir} (57 MB at every start,
 * before), the packaged app opens its DuckDB file with the one beside it.
 */
class DuckDbLibraryBesideJarIT {

    static final Path LIB = Path.of("target/quarkus-app/lib/main");
    static final List<String> LINUX = List.of("libduckdb_java.so_linux_amd64", "libduckdb_java.so_linux_arm64");

    @Test
    void theLinuxLibrariesLieBesideTheDriversJarAndTheAppLoadsThemFromThere(@TempDir Path dir) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(LIB)) {
            jar = files.filter(f -> f.getFileName().toString().contains("duckdb_jdbc")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String library : LINUX) {
                assertThat(zip.getEntry(library)).as(library + " out of " + jar).isNull();
                assertThat(LIB.resolve(library)).as(library + " beside " + jar).isRegularFile();
            }
            // a Mac or Windows start of the package unpacks its own, as the driver always did
            assertThat(zip.getEntry("libduckdb_java.so_osx_universal")).isNotNull();
        }

        // a tickets run, refused at its first request (nothing listens on port 9): it gets there only with DuckDB open
        String out = RefusedFirstRequest.run(Path.of("target/quarkus-app"), dir);
        assertThat(out).contains("Destination: duckdb:", "tickets: run ", "failed on page 1");
    }
}
