package io.freshdeskbigquery.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a {@code sync.once} process of the packaged application (failsafe runs this after the package phase) in
 * the middle of its run: it says the run was stopped and where the cursor stays, not that all succeeded, exits 143, and
 * leaves the current table holding what it wrote.
 */
class SyncOnceSignalIT {

    static final int TICKETS = 3000;
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    WireMockServer wireMock;
    FakeFreshdesk freshdesk = new FakeFreshdesk();
    Path dir;
    Process process;

    @BeforeEach
    void start() throws IOException {
        wireMock = new WireMockServer(options().dynamicPort().extensions(freshdesk));
        wireMock.start();
        // about 200 ms a page: 30 pages are long enough to be stopped in the middle
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withBasicAuth("signal-test-key", "X")
                .willReturn(aResponse().withFixedDelay(200).withTransformers(FakeFreshdesk.NAME)));
        for (int i = 1; i <= TICKETS; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        dir = Path.of("target", "signal", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        wireMock.stop();
    }

    @Test
    void sigtermInTheMiddleOfARunSaysItStoppedAndExits143() throws Exception {
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dsync.once=true",
                "-Dquarkus.http.port=0",
                "-Dfreshdesk.base-url=" + wireMock.baseUrl() + "/api/v2",
                "-Dfreshdesk.api-key=signal-test-key",
                "-Dfreshdesk.rate-limit.per-minute=100000",
                "-Dfreshdesk.rate-limit.tickets-list-per-minute=100000",
                "-Dsync.streams=tickets",
                "-Dsync.write.batch-rows=100",
                "-Ddestination.duckdb.path=" + dir.resolve("freshdesk.duckdb"),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("once.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(120)).until(() -> log().contains("tickets: page 2:"));

        process.destroy(); // SIGTERM

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
        assertThat(process.exitValue()).as(log()).isEqualTo(SyncRuns.STOPPED_STATUS);
        assertThat(log()).contains("stopped by the application's shutdown after", "the cursor stays at",
                "sync.once: stopped by the application's shutdown (a signal) before tickets read to the end;"
                        + " exiting with status 143")
                .doesNotContain("all succeeded", "signal-test-key");
        try (Connection db = new DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("freshdesk.duckdb"),
                new Properties());
                Statement st = db.createStatement()) {
            long written = count(st, "SELECT count(*) FROM tickets_changes");
            assertThat(written).isBetween(100L, TICKETS - 1L);
            assertThat(count(st, "SELECT count(*) FROM tickets")).isEqualTo(written);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("once.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
