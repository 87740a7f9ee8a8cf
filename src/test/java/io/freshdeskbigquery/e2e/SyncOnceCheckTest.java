package io.freshdeskbigquery.e2e;

import java.nio.file.Path;
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
 * {@code sync.check=true} against the built-in simulator: one request per stream and the destination's cursors, a
 * table, exit 0, and nothing synced. The DuckDB file does not exist yet: the check says the first sync creates it and
 * creates neither it nor its folder. (Named SyncOnce*: it launches the whole app and exits, in a JVM of its own.)
 */
@QuarkusMainTest
@TestProfile(SyncOnceCheckTest.Check.class)
class SyncOnceCheckTest {

    /** A file in a folder that does not exist either. */
    static final Path FILE = Path.of("target/test-data", UUID.randomUUID().toString(), "freshdesk.duckdb");

    public static class Check implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.check", "true",
                    "sync.streams", "tickets,contacts,roles,companies,conversations,ticket_activities",
                    "simulator.enabled", "true",
                    "simulator.tickets", "50",
                    "destination.duckdb.path", FILE.toString());
        }
    }

    @Test
    @Launch(value = {}, exitCode = 0)
    void everyStreamAnswersAndTheMissingDestinationIsLeftToTheFirstSync(LaunchResult result) {
        assertThat(result.getOutput())
                .contains("sync.check: configuration accepted; destination duckdb:" + FILE)
                .containsPattern("tickets +ok +200: \\d+ records changed in the last day on the first page +ok +"
                        + "does not exist yet; the first sync creates it")
                // the deletion lists that come with tickets and contacts are checked too
                .containsPattern("deleted_tickets +ok +200: \\d+ records changed in the last day on the first page")
                .containsPattern("spam_tickets +ok +200: ")
                .containsPattern("contacts +ok +200: ")
                .containsPattern("deleted_contacts +ok +200: ")
                .containsPattern("roles +ok +200: ")
                // companies has no change filter: a run reads it whole
                .containsPattern("companies +ok +200: \\d+ records on the first page \\(read whole every run\\)")
                .doesNotContainPattern("companies .*changed in the last day")
                // a child stream's run pages through its parent's list: so does its check
                .containsPattern("conversations +ok +200: \\d+ tickets changed in the last day on the first page")
                // a daily export: yesterday's export asked for (the simulated clock, 2026-11-01, has not reached
                // it: not ready), its file left alone
                .containsPattern("ticket_activities +ok +export answers: \\d{4}-\\d\\d-\\d\\d not ready yet"
                        + " \\(HTTP 404 \\(file_not_found\\)\\)")
                .contains("every check passed")
                .doesNotContain("run tickets-");
        assertThat(FILE).doesNotExist();
        assertThat(FILE.getParent()).doesNotExist();
    }
}
