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
 * The whole app at TRACE, with Apache HttpClient's wire log turned on by hand (it dumps every byte sent, the
 * Authorization header's too): the API key and its Base64 form are masked in every line all the same. (Named
 * SyncOnce*: it launches the whole app and exits, in a JVM of its own.)
 */
@QuarkusMainTest
@TestProfile(SyncOnceAtTraceLogsNoSecretTest.Trace.class)
class SyncOnceAtTraceLogsNoSecretTest {

    public static class Trace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = NoSecretInTheLog.syncAt("TRACE");
            config.put("quarkus.log.min-level", "TRACE");
            config.put("quarkus.log.category.\"org.apache.hc\".level", "TRACE");
            config.put("quarkus.log.category.\"org.apache.hc.client5.http.wire\".level", "TRACE");
            config.put("quarkus.log.category.\"org.apache.camel\".level", "TRACE");
            return config;
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
        assertThat(output.contains("\"Authorization: Basic ****"))
                .as("the bytes sent were logged, the Authorization header masked")
                .isTrue();
    }
}
