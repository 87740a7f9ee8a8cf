package io.freshdeskbigquery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app started for one {@code sync.once} tickets run against a port where nothing listens (as
 * {@code src/main/docker/app-cds-training.sh} starts it): it opens its DuckDB file in {@code work}, reaches its first
 * request, is refused, and exits. No account, key or network is needed.
 */
final class RefusedFirstRequest {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private RefusedFirstRequest() {
    }

    /** Runs the app in {@code appDir} with these JVM flags first; answers its output once it has exited. */
    static String run(Path appDir, Path work, String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-Djava.io.tmpdir=" + work, "-Dquarkus.http.port=0", "-Dsync.once=true",
                "-Dsync.streams=tickets", "-Dfreshdesk.base-url=http://127.0.0.1:9/api/v2",
                "-Dfreshdesk.retry.max-attempts=1", "-Dfreshdesk.retry.initial-delay=10",
                "-Ddestination.duckdb.path=" + work.resolve("run.duckdb"), "-jar", "quarkus-run.jar"));
        Path out = work.resolve("run.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(appDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("FRESHDESK_API_KEY", "not-a-key");
        Process run = builder.start();
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return Files.readString(out);
    }
}
