package io.freshdeskbigquery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * {@code sync.once=true} with its HTTP port taken by another process: the start fails before any stream runs (no
 * request to Freshdesk, no cursor read), exits 1 and names the port. Freshdesk is a port nothing listens on: a run that
 * started would log its start and fail on page 1.
 */
@QuarkusMainTest
@TestProfile(SyncOncePortTakenTest.PortTaken.class)
class SyncOncePortTakenTest {

    /** Held for the whole test JVM: the port the application is told to listen on. */
    static final ServerSocket TAKEN = take();

    private static ServerSocket take() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class PortTaken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.once", "true",
                    "sync.streams", "tickets,companies",
                    "quarkus.http.test-port", String.valueOf(TAKEN.getLocalPort()),
                    "quarkus.http.host", "127.0.0.1",
                    "freshdesk.base-url", "http://localhost:1/api/v2",
                    "freshdesk.api-key", "secret-key-that-must-not-be-printed",
                    "freshdesk.retry.initial-delay", "10",
                    "freshdesk.retry.max-attempts", "1",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void failsBeforeSyncingWhenItsPortIsTaken(LaunchResult result) {
        assertThat(result.getOutput()).contains("Port " + TAKEN.getLocalPort() + " seems to be in use")
                .doesNotContain("tickets: run", "companies: run", "sync.once: running", "exiting with status 0",
                        "secret-key-that-must-not-be-printed");
    }
}
