package io.freshdeskbigquery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.simulator.SimulatorSettings;
import io.freshdeskbigquery.testing.SimulatorHttpServer;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app (failsafe runs this after the package phase) backfills 100,000 simulated tickets with the rate
 * limits off and a small heap ({@code -Xmx160m}), at full speed: batches written while the next pages are fetched.
 * Every ticket arrives exactly once, as the simulator holds it, and the cursor ends at the newest one.
 */
class BackfillUnderSmallHeapIT {

    static final int TICKETS = 100_000;

    @Test
    void everyTicketOfAHundredThousandArrivesExactlyOnce() throws Exception {
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withTickets(TICKETS)
                .withContacts(10)
                .withCompanies(10)
                .withUnlimitedRate(), Clock.systemUTC(), new ObjectMapper());
        simulator.prerender("tickets");
        Path dir = Files.createTempDirectory("freshdesk-backfill");
        Path db = dir.resolve("freshdesk.duckdb");
        try (SimulatorHttpServer freshdesk = new SimulatorHttpServer(simulator)) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx160m",
                    "-Dquarkus.http.port=0",
                    "-Dfreshdesk.base-url=" + freshdesk.baseUrl(),
                    "-Dfreshdesk.rate-limit.per-minute=1000000",
                    "-Dfreshdesk.rate-limit.tickets-list-per-minute=1000000",
                    "-Dsync.streams=tickets",
                    "-Dsync.once=true",
                    "-Ddestination.duckdb.path=" + db,
                    "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("app.log").toFile());
            builder.environment().put("FRESHDESK_API_KEY", simulator.settings().apiKey());
            Process app = builder.start();
            assertThat(app.waitFor(10, TimeUnit.MINUTES)).as("the backfill ends").isTrue();
            String log = Files.readString(dir.resolve("app.log"));
            assertThat(app.exitValue()).as(log.substring(Math.max(0, log.length() - 4000))).isZero();
            assertThat(log).doesNotContain("OutOfMemoryError");
        }

        // the simulator's truth: every live ticket, newest version
        Map<Long, Instant> truth = new TreeMap<>();
        for (Map<String, Object> ticket : simulator.snapshot("tickets")) {
            truth.put(((Number) ticket.get("id")).longValue(), Instant.parse((String) ticket.get("updated_at")));
        }
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + db, readOnly());
                Statement st = connection.createStatement()) {
            Map<Long, Instant> loaded = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT id, epoch(updated_at)::BIGINT FROM tickets")) {
                while (rs.next()) {
                    loaded.put(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2)));
                }
            }
            assertThat(loaded).hasSize(truth.size()).isEqualTo(truth);
            // one history row per version (nothing was changed meanwhile: one per ticket), none twice
            assertThat(count(st, "SELECT count(*) FROM tickets_changes")).isEqualTo(truth.size());
            assertThat(count(st, "SELECT count(*) FROM (SELECT DISTINCT id, updated_at FROM tickets_changes)"))
                    .isEqualTo(truth.size());
            assertThat(count(st, "SELECT count(*) FROM _rejected")).isZero();
            try (ResultSet rs = st
                    .executeQuery("SELECT epoch(cursor)::BIGINT FROM _sync_state WHERE stream = 'tickets'")) {
                assertThat(rs.next()).isTrue();
                assertThat(Instant.ofEpochSecond(rs.getLong(1)))
                        .isEqualTo(truth.values().stream().max(Instant::compareTo).orElseThrow());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Properties readOnly() {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
