package io.freshdeskbigquery.destination.bigquery.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket activities and the view of the time in each status ({@code bigquery/status-durations.sql}) on the
 * BigQuery emulator: the simulator's export read into BigQuery, and the view's stays equal to those worked out here
 * from the export's files (each status in the order set, a repeat no new stay, each stay until the next).
 */
@QuarkusTest
@TestProfile(BigQueryStatusDurationsEngineTest.Engine.class)
@RequiresBigQueryEmulator
class BigQueryStatusDurationsEngineTest extends SimulatorTestSupport {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    public static class Engine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(3000, 300, 60, Map.of(
                    "simulator.now", TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
                    "sync.ticket_activities.backfill", "20d",
                    "sync.streams", "ticket_activities"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BigQueryEmulator.class,
                    Map.of(BigQueryEmulator.DATASET, "freshdesk_activities")));
        }
    }

    static final DateTimeFormatter PERFORMED_AT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss Z");

    EmulatedBigQuery bigQuery;

    @Test
    @SuppressWarnings("unchecked")
    void theViewGivesEachTicketsStaysInEachStatus() {
        SyncOutcome outcome = sync("ticket_activities");
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        // the stays, worked out from the files: per ticket its status activities in their order
        Map<Long, List<Object[]>> sets = new LinkedHashMap<>();
        long activities = 0;
        for (LocalDate day = TODAY.minusDays(20); day.isBefore(TODAY); day = day.plusDays(1)) {
            for (Map<String, Object> activity : simulator.activitiesOf(day)) {
                activities++;
                Object status = ((Map<String, Object>) activity.get("activity")).get("status");
                if (status != null) {
                    long at = OffsetDateTime.parse((String) activity.get("performed_at"), PERFORMED_AT)
                            .toEpochSecond();
                    sets.computeIfAbsent(((Number) activity.get("ticket_id")).longValue(), t -> new ArrayList<>())
                            .add(new Object[]{status, at});
                }
            }
        }
        Set<String> expected = new HashSet<>();
        sets.forEach((ticket, statuses) -> {
            List<Object[]> stays = new ArrayList<>();
            for (Object[] set : statuses) {
                if (stays.isEmpty() || !stays.get(stays.size() - 1)[0].equals(set[0])) {
                    stays.add(set);
                }
            }
            for (int i = 0; i < stays.size(); i++) {
                Long left = i + 1 < stays.size() ? (Long) stays.get(i + 1)[1] : null;
                long entered = (Long) stays.get(i)[1];
                expected.add(ticket + " " + stays.get(i)[0] + " " + entered + " " + left + " "
                        + (left == null ? null : left - entered));
            }
        });
        assertThat(expected).hasSizeGreaterThan(20);

        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:ticket_activities}")).isEqualTo(activities);
        Set<String> stays = new HashSet<>();
        for (Map<String, String> row : bigQuery.query("SELECT ticket_id, status, UNIX_SECONDS(entered) AS entered,"
                + " UNIX_SECONDS(`left`) AS gone, seconds FROM {t:ticket_status_durations}")) {
            stays.add(row.get("ticket_id") + " " + row.get("status") + " " + row.get("entered") + " "
                    + row.get("gone") + " " + row.get("seconds"));
        }
        assertThat(stays).isEqualTo(expected);
        assertThat(Instant.now().atZone(ZoneOffset.UTC).toLocalDate()).as("the test ran within one day")
                .isEqualTo(TODAY);
    }
}
