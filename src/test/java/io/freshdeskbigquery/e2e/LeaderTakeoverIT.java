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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One active syncer per account, with two real processes of the packaged application (failsafe runs this after the
 * package phase) sharing a DuckDB file and {@code sync.leader-election.root}, WireMock playing Freshdesk. Each
 * process has an API key of its own, so WireMock's journal tells whose request it was. The first leads and syncs;
 * the second stands by and asks Freshdesk nothing; the first is killed (SIGKILL) in the middle of a run; the second
 * takes over and finishes, and the file ends with every ticket once. A run of sync.once beside a leader waits for it.
 */
class LeaderTakeoverIT {

    static final String KEY_A = "key-of-process-a";
    static final String KEY_B = "key-of-process-b";
    static final int TICKETS = 1000;
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    WireMockServer wireMock;
    FakeFreshdesk freshdesk = new FakeFreshdesk();
    Path dir;
    final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        wireMock = new WireMockServer(options().dynamicPort().extensions(freshdesk));
        wireMock.start();
        for (String key : List.of(KEY_A, KEY_B)) {
            // about 150 ms a page: a run of 10 pages is long enough to be killed in the middle of it
            wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withBasicAuth(key, "X")
                    .willReturn(aResponse().withFixedDelay(150).withTransformers(FakeFreshdesk.NAME)));
        }
        for (int i = 1; i <= TICKETS; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        dir = Path.of("target", "takeover", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        wireMock.stop();
    }

    @Test
    void theStandbyAsksNothingWhileTheLeaderLivesAndFinishesItsRunWhenItDies() throws Exception {
        // the leader's 4th page is held until the test has seen the standby stand by: the leader is then in the middle
        // of its first run (3 pages written, their cursor committed), whatever the machine's speed
        CountDownLatch standbyReady = new CountDownLatch(1);
        freshdesk.beforeAnswer(n -> {
            if (n == 4) {
                try {
                    standbyReady.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Process a = launch("a", KEY_A);
        // (the held request is not in WireMock's journal yet: the fake counts it)
        await("process a is in the middle of its first run", Duration.ofSeconds(60), () -> freshdesk.requests() >= 4);
        Process b = launch("b", KEY_B);
        await("process b has started", Duration.ofSeconds(60),
                () -> log("b").contains("Leader election:") && log("b").contains("scheduled"));
        Thread.sleep(3000); // b has tried to take the lock several times (every 0.5 s) and its Quartz has fired
        int beforeTheKill = requests(KEY_B);

        a.destroyForcibly(); // SIGKILL in the middle of a run: no shutdown hook, no further cursor commit
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
        standbyReady.countDown();
        assertThat(log("a")).doesNotContain(" finished: ");

        assertThat(beforeTheKill).as("requests of the standby while the leader lived").isZero();
        await("process b takes over and finishes a run", Duration.ofSeconds(90),
                () -> log("b").contains("tickets: run ") && log("b").contains(" finished: "));
        assertThat(requests(KEY_B)).isPositive();
        // b resumed from the cursor a committed (after its 3rd page), not from the start
        assertThat(log("b")).contains("cursor 2025-01-01T00:0");
        b.destroy(); // SIGTERM: a clean stop, which releases the DuckDB file
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (Connection db = new DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("freshdesk.duckdb"),
                new Properties());
                Statement st = db.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM tickets")).isEqualTo(TICKETS);
            assertThat(count(st, "SELECT count(DISTINCT id) FROM tickets")).isEqualTo(TICKETS);
            // every version once in the history: what a wrote before it died was not written twice by b
            assertThat(count(st, "SELECT count(*) FROM tickets_changes")).isEqualTo(TICKETS);
            try (ResultSet cursor = st.executeQuery("SELECT cursor FROM _sync_state WHERE stream = 'tickets'")) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.getObject(1, OffsetDateTime.class).toInstant())
                        .isEqualTo(T0.plusSeconds(TICKETS));
            }
        }
    }

    @Test
    void aRunOnceBesideTheLeaderWaitsForItThenSyncsAndExits() throws Exception {
        Process a = launch("a", KEY_A);
        await("process a leads", Duration.ofSeconds(60), () -> log("a").contains("Leadership taken"));
        Process once = launch("once", KEY_B, "-Dsync.once=true");
        await("the run-once process waits", Duration.ofSeconds(60),
                () -> log("once").contains("Another syncer leads election freshdesk-bigquery; waiting for it to stop"));
        Thread.sleep(2000);
        assertThat(requests(KEY_B)).as("requests of the waiting run-once process").isZero();

        a.destroyForcibly();
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(once.waitFor(90, TimeUnit.SECONDS)).as(tail(log("once"))).isTrue();
        assertThat(once.exitValue()).as(tail(log("once"))).isZero();
        assertThat(log("once")).contains("sync.once: every stream has run, all succeeded");
        assertThat(requests(KEY_B)).isPositive();
    }

    Process launch(String name, String apiKey, String... options) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-Dquarkus.http.port=0",
                        "-Dfreshdesk.base-url=" + wireMock.baseUrl() + "/api/v2",
                        "-Dfreshdesk.api-key=" + apiKey,
                        "-Dfreshdesk.rate-limit.per-minute=100000",
                        "-Dfreshdesk.rate-limit.tickets-list-per-minute=100000",
                        "-Dsync.streams=tickets",
                        // a batch per page: the write-behind is at work (a page written while the next is fetched) when killed
                        "-Dsync.write.batch-rows=100",
                        "-Dsync.schedule=0/2 * * * * ?",
                        "-Dsync.leader-election.type=file",
                        "-Dsync.leader-election.root=" + dir.resolve("leader"),
                        "-Dsync.leader-election.interval=500ms",
                        "-Ddestination.duckdb.path=" + dir.resolve("freshdesk.duckdb")));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    int requests(String apiKey) {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withBasicAuth(new BasicCredentials(apiKey, "X"))).size();
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what + "\n--- a ---\n" + tail(log("a"))
                        + "\n--- b ---\n" + tail(log("b")));
            }
            Thread.sleep(100);
        }
    }

    static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
