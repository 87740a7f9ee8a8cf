package io.freshdeskbigquery.e2e;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over HTTP: the built-in simulator's ticket activity export (its links point at its own files, on the
 * application's port) is read into DuckDB, and the time each ticket spent in each status agrees with the tickets.
 * The simulated clock starts at noon yesterday: yesterday's export is not there until the clock passes midnight.
 */
@QuarkusTest
@TestProfile(TicketActivitiesSimulatorTest.Simulated.class)
class TicketActivitiesSimulatorTest extends SimulatorTestSupport {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    public static class Simulated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(3000, 600, 100, Map.of(
                    "simulator.now", start(TODAY).minusSeconds(12 * 3600).toString(),
                    "sync.streams", "tickets,ticket_activities",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb"));
        }
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static final String[] NAMES = {null, null, "Open", "Pending", "Resolved", "Closed"};

    /**
     * Per ticket created since {@code since} and last updated before {@code before} (its whole history in the days
     * read): its status now (tickets) against its last stay's (the view).
     */
    Map<Long, String[]> currentStatuses(Instant since, Instant before) {
        Map<Long, String[]> statuses = new HashMap<>();
        db().query("SELECT t.id, t.status, d.status AS stay FROM tickets t LEFT JOIN ticket_status_durations d"
                + " ON d.ticket_id = t.id AND d.\"left\" IS NULL WHERE t.created_at >= ?::TIMESTAMPTZ"
                + " AND t.updated_at < ?::TIMESTAMPTZ", since.toString(), before.toString())
                .forEach(row -> statuses.put((Long) row.get("id"), new String[]{
                        NAMES[(Integer) row.get("status")], (String) row.get("stay")}));
        return statuses;
    }

    @Test
    void theExportFillsTheActivitiesAndTheTimeInEachStatusDayByDay() {
        LocalDate yesterday = TODAY.minusDays(1);
        LocalDate first = TODAY.minusDays(30);
        assertThat(sync("tickets").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        SyncOutcome outcome = sync("ticket_activities");

        // 30 days back, the last of which (yesterday, still going on the simulated clock) is not ready
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(outcome.message()).contains("from 29 days' exports",
                "the export of " + yesterday + " is not ready yet (HTTP 404 (file_not_found))");
        assertThat(db().loadState("ticket_activities").orElseThrow().cursor()).isEqualTo(start(yesterday));
        long expected = 0;
        for (LocalDate day = first; day.isBefore(yesterday); day = day.plusDays(1)) {
            expected += simulator.activitiesOf(day).size();
        }
        assertThat(expected).isGreaterThan(100);
        assertThat(db().query("SELECT count(*) AS n FROM ticket_activities").get(0).get("n")).isEqualTo(expected);
        // every file was fetched without the API key (the simulator's storage answers 400 to one with it)
        assertThat(simulator.exportFileRequests()).containsExactly(29, 0);

        // a ticket opened within the days read is in the status its last stay says
        Map<Long, String[]> opened = currentStatuses(start(first), start(yesterday));
        assertThat(opened).hasSizeGreaterThan(20);
        opened.forEach((ticket, status) -> assertThat(status[1]).as("ticket %d", ticket).isEqualTo(status[0]));
        assertThat(db().query("SELECT min(seconds) AS shortest, count(*) AS n FROM ticket_status_durations"
                + " WHERE \"left\" IS NOT NULL").get(0).get("shortest")).isNotNull();

        // tickets change before midnight; then the day is over
        List<Long> updated = simulator.mutations().updateRandom("tickets", 40);
        List<Long> created = simulator.mutations().create("tickets", 3);
        simulator.advanceClockTo(start(TODAY).plusSeconds(1));
        sync("tickets");
        SyncOutcome second = sync("ticket_activities");

        assertThat(second.message()).contains("from 1 day's export");
        assertThat(db().loadState("ticket_activities").orElseThrow().cursor()).isEqualTo(start(TODAY));
        assertThat(db().query("SELECT count(*) AS n FROM ticket_activities").get(0).get("n"))
                .isEqualTo(expected + simulator.activitiesOf(yesterday).size());
        Map<Long, String[]> now = currentStatuses(start(first), start(TODAY).plusSeconds(2));
        assertThat(now).containsKeys(created.toArray(Long[]::new));
        now.forEach((ticket, status) -> assertThat(status[1]).as("ticket %d", ticket).isEqualTo(status[0]));
        // a ticket changed yesterday whose change set its status: its last stay began then
        long changedStatus = db().query("SELECT count(DISTINCT ticket_id) AS n FROM ticket_activities"
                + " WHERE export_day = ? AND status IS NOT NULL", yesterday.toString())
                .stream()
                .mapToLong(row -> (Long) row.get("n"))
                .sum();
        assertThat(changedStatus).isPositive();
        // the last status a ticket was set to yesterday is its status now
        for (Map<String, Object> row : db().query("SELECT a.ticket_id, a.status, t.status AS now FROM (SELECT"
                + " ticket_id, status, row_number() OVER (PARTITION BY ticket_id ORDER BY performed_at DESC,"
                + " export_position DESC) AS n FROM ticket_activities WHERE export_day = ? AND status IS NOT NULL) a"
                + " JOIN tickets t ON t.id = a.ticket_id WHERE a.n = 1", yesterday.toString())) {
            assertThat(row.get("status")).isEqualTo(NAMES[(Integer) row.get("now")]);
        }
        assertThat(updated).isNotEmpty();

        // nothing is over since: nothing is asked
        assertThat(sync("ticket_activities").message()).contains("0 activities from 0 days' exports");
        assertThat(simulator.exportFileRequests()).containsExactly(30, 0);
        assertThat(OffsetDateTime.now(ZoneOffset.UTC).toLocalDate()).as("the test ran within one day")
                .isEqualTo(TODAY);
    }
}
