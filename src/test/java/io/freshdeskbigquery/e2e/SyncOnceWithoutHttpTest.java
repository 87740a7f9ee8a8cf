package io.freshdeskbigquery.e2e;

import java.util.Map;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.once=true} with {@code quarkus.http.host-enabled=false}: no HTTP server, so a port taken by another process
 * does not matter; the streams start without waiting for one, sync, and the process exits 0.
 */
@QuarkusMainTest
@TestProfile(SyncOnceWithoutHttpTest.WithoutHttp.class)
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets"),
        @ResourceArg(name = FreshdeskWireMock.FAKE_PREFIX + "tickets", value = "120")})
class SyncOnceWithoutHttpTest {

    public static class WithoutHttp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.once", "true",
                    "quarkus.http.host-enabled", "false",
                    "quarkus.http.test-port", String.valueOf(SyncOncePortTakenTest.TAKEN.getLocalPort()),
                    "quarkus.http.host", "127.0.0.1");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void syncsWithoutAnHttpServer(LaunchResult result) {
        assertThat(result.getOutput()).contains("tickets: run", " finished: ", "120 inserted",
                "sync.once: every stream has run, all succeeded; exiting with status 0")
                .doesNotContain("seems to be in use");
    }
}
