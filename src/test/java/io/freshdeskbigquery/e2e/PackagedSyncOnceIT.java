package io.freshdeskbigquery.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application end to end (failsafe runs this after the package phase; where a native binary is built,
 * Quarkus runs the same test against it): WireMock plays Freshdesk, {@code sync.once} syncs tickets and companies into
 * a DuckDB file, the process exits 0, and the file holds every record once.
 */
@QuarkusMainIntegrationTest
@TestProfile(PackagedSyncOnceIT.Once.class)
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets,companies"),
        @ResourceArg(name = FreshdeskWireMock.FAKE_PREFIX + "tickets", value = "250"),
        @ResourceArg(name = FreshdeskWireMock.FAKE_PREFIX + "companies", value = "12"),
        @ResourceArg(name = "destination.duckdb.path", value = PackagedSyncOnceIT.FILE)})
class PackagedSyncOnceIT {

    static final String FILE = "target/test-data/packaged-sync-once.duckdb";
    static final Path DB = Path.of(FILE).toAbsolutePath();

    public static class Once implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.once", "true");
        }
    }

    @Test
    void syncsOnceIntoDuckDbAndExitsZero(QuarkusMainLauncher launcher) throws Exception {
        Files.deleteIfExists(DB);
        Files.deleteIfExists(Path.of(DB + ".wal"));

        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        assertThat(result.getOutput()).contains("sync.once: every stream has run, all succeeded; exiting with status 0")
                .doesNotContain(FreshdeskWireMock.API_KEY);
        try (Connection db = new DuckDBDriver().connect("jdbc:duckdb:" + DB, new Properties());
                Statement st = db.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM tickets")).isEqualTo(250);
            assertThat(count(st, "SELECT count(*) FROM tickets_changes")).isEqualTo(250);
            assertThat(count(st, "SELECT count(*) FROM companies")).isEqualTo(12);
            assertThat(count(st, "SELECT count(*) FROM _sync_state")).isEqualTo(2);
        }
    }

    static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
