package io.freshdeskbigquery.e2e;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.check=true} against the built-in simulator: one request per stream and the destination's cursors, a
 * table, exit 0, and nothing synced. (Named SyncOnce*: it launches the whole app and exits, in a JVM of its own.)
 */
@QuarkusMainTest
@TestProfile(SyncOnceCheckTest.Check.class)
class SyncOnceCheckTest {

    public static class Check implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.check", "true",
                    "sync.streams", "tickets,contacts,roles",
                    "simulator.enabled", "true",
                    "simulator.tickets", "50",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void everyStreamAnswersAndTheDestinationIsReadable(LaunchResult result) {
        assertThat(result.getOutput())
                .contains("sync.check: configuration accepted; destination duckdb:")
                .containsPattern("tickets +ok +200: \\d+ records changed in the last day on the first page +ok +readable; never synced")
                .containsPattern("contacts +ok +200: ")
                .containsPattern("roles +ok +200: ")
                .contains("every check passed")
                .doesNotContain("run tickets-");
    }
}
