package io.freshdeskbigquery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM image's AppCDS training ({@code src/main/docker/app-cds-training.sh}, run by {@code Dockerfile.jvm}) on the
 * packaged app: it writes an archive, and a JVM started with it and {@code -Xshare:on} (which refuses to start when the
 * archive does not fit) maps Camel's route building, the HTTP client and the DuckDB driver from it instead of loading
 * them from the jars: the classes of the start Quarkus's own archive leaves out.
 */
class AppCdsTrainingIT {

    static final Path APP = Path.of("target/quarkus-app");
    static final Path SCRIPT = Path.of("src/main/docker/app-cds-training.sh");
    static final String JAVA = RefusedFirstRequest.JAVA;

    @Test
    void theTrainingRunWritesAnArchiveThatServesTheStart(@TempDir Path dir) throws Exception {
        assertThat(APP.resolve("quarkus-run.jar")).as("failsafe runs after the package phase").exists();
        Path app = dir.resolve("app");
        copy(APP, app);
        Files.deleteIfExists(app.resolve("app-cds.jsa"));

        Process training = new ProcessBuilder("sh", SCRIPT.toAbsolutePath().toString(), app.toString(), JAVA)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.out").toFile())
                .start();
        assertThat(training.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String trainingOut = Files.readString(dir.resolve("training.out"));
        assertThat(training.exitValue()).as(trainingOut).isZero();
        assertThat(trainingOut).contains("wrote " + app.toRealPath().resolve("app-cds.jsa"));
        assertThat(Files.size(app.resolve("app-cds.jsa"))).isGreaterThan(1_000_000);

        // the same start as the training's, now from the archive: class loading logged with each class's source
        Path classes = dir.resolve("classes.log");
        String runOut = RefusedFirstRequest.run(app, dir, "-Xshare:on", "-XX:SharedArchiveFile=app-cds.jsa",
                "-Xlog:class+load=info:file=" + classes);
        assertThat(runOut).as("-Xshare:on starts only with a usable archive")
                .contains("tickets: run ")
                .contains("failed on page 1");

        List<String> loaded = Files.readAllLines(classes);
        for (String type : List.of("org.apache.camel.reifier.RouteReifier",
                "org.apache.camel.component.http.HttpEndpoint",
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient", "org.duckdb.DuckDBConnection",
                "io.freshdeskbigquery.sync.cursor.ResumeFromCursor")) {
            assertThat(loaded).as(type + " mapped from the archive")
                    .anySatisfy(line -> assertThat(line)
                            .contains(" " + type + " source: shared objects file"));
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
