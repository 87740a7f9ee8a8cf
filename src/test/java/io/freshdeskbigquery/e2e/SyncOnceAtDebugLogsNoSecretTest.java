package io.freshdeskbigquery.e2e;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code QUARKUS_LOG_LEVEL=DEBUG}, as an operator sets it to look into a problem: Apache HttpClient's headers logger
 * prints every request's headers, and the API key's {@code Authorization: Basic ...} must not be among them; its wire
 * logger stays off. (Named SyncOnce*: it launches the whole app and exits, in a JVM of its own.)
 */
@QuarkusMainTest
@TestProfile(SyncOnceAtDebugLogsNoSecretTest.Debug.class)
class SyncOnceAtDebugLogsNoSecretTest {

    public static class Debug implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return NoSecretInTheLog.syncAt("DEBUG");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void theKeyAndItsBase64FormAppearNowhere(LaunchResult result) {
        String output = result.getOutput();
        NoSecretInTheLog.assertNoSecretIn(output);
        // (booleans: a failing contains() would print the whole output, secrets and all)
        assertThat(output.contains("sync.once: every stream has run, all succeeded; exiting with status 0"))
                .as("the run succeeded")
                .isTrue();
        assertThat(output.contains("Authorization: Basic ****"))
                .as("the request headers were logged, the Authorization header masked")
                .isTrue();
        // the wire log (every byte sent and received) stays off: application.properties sets its category to INFO
        assertThat(output.contains("[o.a.h.c.h.wire]")).as("the wire log printed at DEBUG").isFalse();
    }
}
