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

/** {@code sync.check=true} with Freshdesk unreachable: the table says which check failed, and the process exits 1. */
@QuarkusMainTest
@TestProfile(SyncOnceCheckFailureTest.Unreachable.class)
class SyncOnceCheckFailureTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.check", "true",
                    "sync.streams", "tickets",
                    "freshdesk.base-url", "http://localhost:1/api/v2",
                    "freshdesk.api-key", "secret-key-that-must-not-be-printed",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void theFailedCheckIsNamedAndTheProcessExitsOne(LaunchResult result) {
        assertThat(result.getOutput())
                .containsPattern("tickets +FAIL +\\S*Exception: .*ok +does not exist yet; the first sync creates it")
                .contains("a check failed")
                .doesNotContain("secret-key-that-must-not-be-printed");
    }
}
