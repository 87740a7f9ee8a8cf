package io.freshdeskbigquery.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated ticket activity export: a link per day once the day is over, and the file behind it. */
class ActivityExportTest {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate().withNow(NOW), TestClock.atTenPastTheMinute(),
            new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    /** The day's file, read through its link as a loader would (no Authorization). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> file(LocalDate day) {
        SimResponse export = client.get("export/ticket_activities", "created_at", day.toString());
        assertThat(export.status()).isEqualTo(200);
        List<Map<String, Object>> links = (List<Map<String, Object>>) SimClient.object(export).get("export");
        URI link = URI.create((String) links.get(0).get("url"));
        assertThat(link.getPath()).isEqualTo("/simulator/exports/ticket_activities/" + day + ".json");
        SimResponse file = simulator.exportFile(day + ".json", query(link.getRawQuery()), null);
        assertThat(file.status()).isEqualTo(200);
        Map<String, Object> body = SimClient.object(file);
        List<Map<String, Object>> activities = (List<Map<String, Object>>) body.get("activities_data");
        assertThat(((Map<String, Object>) body.get("metadata")).get("activities_count")).isEqualTo(activities.size());
        return activities;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    static String status(Map<String, Object> activity) {
        return (String) ((Map<String, Object>) activity.get("activity")).get("status");
    }

    @Test
    void aDaysExportIsThereOnceTheDayIsOverAndItsFileTellsEachTicketsStatusChanges() {
        LocalDate yesterday = LocalDate.parse("2026-10-31");
        assertThat(client.get("export/ticket_activities", "created_at", "2026-11-01").status()).isEqualTo(404);
        assertThat(client.get("export/ticket_activities", "created_at", "yesterday").status()).isEqualTo(400);
        assertThat(new SimClient(simulator, null).get("export/ticket_activities", "created_at", "2026-10-31")
                .status()).isEqualTo(401);

        // a month of days: the tickets created in it open, and their last update sets the status they show
        Map<Long, String> lastStatus = new HashMap<>();
        Map<Long, String> firstStatus = new HashMap<>();
        for (LocalDate day = yesterday.minusDays(29); !day.isAfter(yesterday); day = day.plusDays(1)) {
            for (Map<String, Object> activity : file(day)) {
                assertThat((String) activity.get("performed_at"))
                        .matches("\\d\\d-\\d\\d-\\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000");
                long ticket = ((Number) activity.get("ticket_id")).longValue();
                if (status(activity) != null) {
                    firstStatus.putIfAbsent(ticket, status(activity));
                    lastStatus.put(ticket, status(activity));
                }
            }
        }
        String[] names = TicketActivities.STATUS_NAMES;
        int checked = 0;
        for (Map<String, Object> ticket : simulator.snapshot("tickets")) {
            Instant created = Instant.parse((String) ticket.get("created_at"));
            if (created.isAfter(yesterday.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                long id = ((Number) ticket.get("id")).longValue();
                assertThat(firstStatus.get(id)).as("ticket %d opened", id).isEqualTo("Open");
                assertThat(lastStatus.get(id)).as("ticket %d", id).isEqualTo(names[(Integer) ticket.get("status")]);
                checked++;
            }
        }
        assertThat(checked).as("tickets created in the month").isGreaterThan(20);
    }

    @Test
    void aChangeIsAnActivityOfItsDayAndAFileAskedWithAnApiKeyIsRefused() {
        long ticket = ((Number) simulator.snapshot("tickets").get(5).get("id")).longValue();
        for (int i = 0; i < 6; i++) {
            simulator.mutations().touchTicket(ticket);
        }
        List<Long> created = simulator.mutations().create("tickets", 2);
        simulator.advanceClockTo(NOW.plusSeconds(86_400));

        List<Map<String, Object>> today = file(LocalDate.parse("2026-11-01"));
        assertThat(today).extracting(a -> ((Number) a.get("ticket_id")).longValue())
                .contains(ticket)
                .containsAll(created);
        String current = TicketActivities.STATUS_NAMES[(Integer) simulator.snapshot("tickets").get(5).get("status")];
        List<String> statuses = today.stream()
                .filter(a -> ((Number) a.get("ticket_id")).longValue() == ticket)
                .map(ActivityExportTest::status)
                .filter(Objects::nonNull)
                .toList();
        if (!statuses.isEmpty()) {
            assertThat(statuses.get(statuses.size() - 1)).isEqualTo(current);
        }

        SimResponse export = client.get("export/ticket_activities", "created_at", "2026-11-01");
        @SuppressWarnings("unchecked")
        URI link = URI.create((String) ((List<Map<String, Object>>) SimClient.object(export).get("export")).get(0)
                .get("url"));
        assertThat(simulator.exportFile("2026-11-01.json", query(link.getRawQuery()),
                SimulatedFreshdesk.basicAuthorization("simulator-key")).status()).isEqualTo(400);
        assertThat(simulator.exportFile("2026-11-01.json", Map.of("X-Amz-Signature", "forged"), null).status())
                .isEqualTo(403);
        assertThat(simulator.exportFileRequests()).containsExactly(3, 1);
    }

    @Test
    void anAccountWithoutTheExportAnswers403() {
        SimulatedFreshdesk without = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withUnlimitedRate()
                .withForbiddenStreams(Set.of("ticket_activities")), TestClock.atTenPastTheMinute(),
                new ObjectMapper());
        SimResponse answer = new SimClient(without).get("export/ticket_activities", "created_at", "2026-10-01");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(SimClient.object(answer).get("code")).isEqualTo("require_feature");
    }

    @Test
    void theClockStartsWhereSimulatorNowSaysTodayIncluded() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T23:29:49Z"), ZoneOffset.UTC);
        assertThat(SimulatorSettings.now(Optional.of("today"), clock))
                .isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(SimulatorSettings.now(Optional.empty(), clock)).isEqualTo(SimulatorSettings.DEFAULT_NOW);
        assertThat(SimulatorSettings.now(Optional.of("2026-01-02T03:04:05Z"), clock))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        Assertions.assertThatThrownBy(() -> SimulatorSettings.now(Optional.of("soon"),
                clock)).hasMessageContaining("simulator.now 'soon'");
    }
}
