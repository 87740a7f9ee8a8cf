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

/** {@code sync.once=true}: every stream runs once, then the process exits 0 on success. */
@QuarkusMainTest
@TestProfile(SyncOnceTest.Once.class)
class SyncOnceTest {

    public static class Once implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.once", "true",
                    "simulator.enabled", "true",
                    "simulator.tickets", "250",
                    "simulator.contacts", "50",
                    "simulator.companies", "20",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void exitsZeroWhenEveryStreamSucceeded(LaunchResult result) {
        assertThat(result.getOutput()).contains("tickets: run", "contacts: run", "companies: run",
                "sync.once: every stream has run, all succeeded; exiting with status 0");
    }
}
