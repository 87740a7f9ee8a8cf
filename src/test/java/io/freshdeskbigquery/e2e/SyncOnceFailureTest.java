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

/** {@code sync.once=true} with Freshdesk unreachable: the process exits 1, and says why. */
@QuarkusMainTest
@TestProfile(SyncOnceFailureTest.Unreachable.class)
class SyncOnceFailureTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.once", "true",
                    "sync.streams", "tickets",
                    "freshdesk.base-url", "http://localhost:1/api/v2",
                    "freshdesk.api-key", "secret-key-that-must-not-be-printed",
                    "freshdesk.retry.initial-delay", "10",
                    "freshdesk.retry.max-attempts", "1",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void exitsOneWhenAStreamFailed(LaunchResult result) {
        assertThat(result.getOutput())
                .contains("tickets: run", "failed on page 1", "some failed; exiting with status 1")
                .doesNotContain("secret-key-that-must-not-be-printed");
    }
}
