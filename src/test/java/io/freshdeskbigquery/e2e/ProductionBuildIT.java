package io.freshdeskbigquery.e2e;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application as {@code ./mvnw package} builds it (a production build; failsafe runs this after the
 * package phase) does not carry the simulator: asked to sync once from it, it refuses to start and says why
 * (a build that carried it would sync and exit 0).
 */
@QuarkusMainIntegrationTest
@TestProfile(ProductionBuildIT.SimulatorAskedFor.class)
class ProductionBuildIT {

    public static class SimulatorAskedFor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "simulator.enabled", "true",
                    "simulator.tickets", "10",
                    "sync.once", "true",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void thePackagedAppHasNoSimulator(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("simulator.enabled=true, but this is a production build, which does not carry the simulator")
                .doesNotContain("Freshdesk simulator:");
    }
}
