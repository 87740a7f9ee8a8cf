package io.freshdeskbigquery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code sync.check=true} with a DuckDB file that cannot be opened: the table names the destination's failure on every
 * stream's line, and the application exits 1. Before, it logged one ERROR and never ended: each launch is given
 * {@link #ENDS_WITHIN} to end (a check against the simulator takes a few seconds), and fails when it runs on. Two
 * launches in one JVM, each with its own {@code destination.duckdb.path} (a system property, read at each launch).
 * (Named SyncOnce*: it launches the whole app and exits, in a JVM of its own.)
 */
@QuarkusMainTest
@TestProfile(SyncOnceCheckDestinationTest.Check.class)
class SyncOnceCheckDestinationTest {

    private static final String PATH = "destination.duckdb.path";
    /** How long a launch may run before it counts as one that never ends. */
    private static final Duration ENDS_WITHIN = Duration.ofMinutes(3);

    public static class Check implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.check", "true",
                    "sync.streams", "tickets,companies",
                    "simulator.enabled", "true",
                    "simulator.tickets", "20");
        }
    }

    @AfterEach
    void forgetThePath() {
        System.clearProperty(PATH);
    }

    @Test
    void aFileThatIsNotDuckDbFailsEveryStreamsDestinationCheck(QuarkusMainLauncher launcher) throws Exception {
        Path garbage = Files.createDirectories(Path.of("target/test-data"))
                .resolve("not-duckdb-" + System.nanoTime() + ".duckdb");
        Files.writeString(garbage, "this is a text file, not a database\n".repeat(200));
        System.setProperty(PATH, garbage.toString());

        LaunchResult result = assertTimeoutPreemptively(ENDS_WITHIN, () -> launcher.launch(),
                "the check is still running: it must print its table and exit");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput())
                .containsPattern("tickets +ok +200: .* FAIL +cannot open " + garbage + ": .*not a valid DuckDB")
                .containsPattern("companies +ok +200: .* FAIL +cannot open " + garbage + ": .*not a valid DuckDB")
                .contains("a check failed");
        assertThat(Files.readString(garbage)).startsWith("this is a text file");
    }

    @Test
    void aPathWhoseFolderCannotBeCreatedFailsEveryStreamsDestinationCheck(QuarkusMainLauncher launcher) {
        System.setProperty(PATH, "/proc/freshdesk-check/data/x.duckdb");

        LaunchResult result = assertTimeoutPreemptively(ENDS_WITHIN, () -> launcher.launch(),
                "the check is still running: it must print its table and exit");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput())
                .containsPattern("tickets +ok +200: .* FAIL +cannot create /proc/freshdesk-check/data/x.duckdb: ")
                .containsPattern("companies +ok +200: .* FAIL +cannot create /proc/freshdesk-check/data/x.duckdb: ")
                .contains("a check failed");
    }
}
