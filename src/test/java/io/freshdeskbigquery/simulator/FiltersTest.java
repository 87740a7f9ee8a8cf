package io.freshdeskbigquery.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FiltersTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(),
            new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    @Test
    void updatedSinceIsInclusiveAndAscendingOrderIsByUpdatedAtThenId() {
        List<Map<String, Object>> all = simulator.snapshot("tickets");
        // a second shared by several tickets: the boundary a loader must handle
        String shared = all.stream()
                .collect(Collectors.groupingBy(t -> (String) t.get("updated_at"), Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() >= 3)
                .map(Map.Entry::getKey)
                .max(Comparator.naturalOrder())
                .orElseThrow();

        List<Map<String, Object>> read = client.readAll("tickets", "updated_since", shared, "order_by", "updated_at",
                "order_type", "asc", "per_page", "100");

        long expected = all.stream().filter(t -> ((String) t.get("updated_at")).compareTo(shared) >= 0).count();
        assertThat(read).hasSize((int) expected);
        assertThat(read.subList(0, 3)).allSatisfy(t -> assertThat(t.get("updated_at")).isEqualTo(shared));
        assertThat(read).isSortedAccordingTo(
                Comparator.<Map<String, Object>, String>comparing(t -> (String) t.get("updated_at"))
                        .thenComparing(t -> ((Number) t.get("id")).longValue()));
    }

    @Test
    void manyTicketsShareTheirUpdatedAtSecond() {
        Map<Object, Long> perSecond = simulator.snapshot("tickets")
                .stream()
                .collect(Collectors.groupingBy(t -> t.get("updated_at"), Collectors.counting()));

        assertThat(perSecond.values().stream().filter(count -> count > 1).count()).isGreaterThan(20);
    }

    @Test
    void withoutUpdatedSinceOnlyTicketsCreatedInTheLast30DaysComeBackNewestFirst() {
        Instant floor = simulator.now().minus(Duration.ofDays(30));
        long recent = simulator.snapshot("tickets")
                .stream()
                .filter(t -> !Instant.parse((String) t.get("created_at")).isBefore(floor))
                .count();

        List<Map<String, Object>> read = client.readAll("tickets", "per_page", "100");

        assertThat(recent).isBetween(10L, 2000L - 100);
        assertThat(read).hasSize((int) recent);
        assertThat(read).extracting(t -> (String) t.get("created_at")).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void ticketsCanBeOrderedByStatusAndDueBy() {
        List<Map<String, Object>> byStatus = client.readAll("tickets", "updated_since", "2000-01-01",
                "order_by", "status", "order_type", "asc", "per_page", "100");
        assertThat(byStatus).hasSize(2000);
        assertThat(byStatus).extracting(t -> (Integer) t.get("status")).isSorted();

        List<Map<String, Object>> byDue = client.readAll("tickets", "updated_since", "2000-01-01",
                "order_by", "due_by", "per_page", "100");
        assertThat(byDue).extracting(t -> (String) t.get("due_by")).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void contactsUpdatedSinceIsInclusiveAndOrderedByUpdatedAt() {
        List<Map<String, Object>> all = simulator.snapshot("contacts");
        String median = all.stream().map(c -> (String) c.get("updated_at")).sorted().toList().get(all.size() / 2);

        List<Map<String, Object>> read = client.readAll("contacts", "_updated_since", median, "per_page", "100");

        assertThat(read)
                .hasSize((int) all.stream().filter(c -> ((String) c.get("updated_at")).compareTo(median) >= 0).count());
        assertThat(read.get(0).get("updated_at")).isEqualTo(median);
        assertThat(read).extracting(c -> (String) c.get("updated_at")).isSorted();
    }

    @Test
    void malformedTimestampsAreRefused() {
        SimResponse tickets = client.get("tickets", "updated_since", "yesterday");
        assertThat(tickets.status()).isEqualTo(400);
        assertThat(tickets.body()).contains("\"field\":\"updated_since\"", "invalid_value");

        // an unencoded + arrives as a space
        assertThat(client.get("contacts", "_updated_since", "2025-03-04T10:15:00 00:00").status()).isEqualTo(400);
        assertThat(client.get("tickets", "updated_since", "2025-03-04").status()).isEqualTo(200);
    }

    @Test
    void invalidOrderAndIncludeAreRefusedTogether() {
        SimResponse response = client.get("tickets", "order_by", "priority", "order_type", "up", "include", "notes");

        assertThat(response.status()).isEqualTo(400);
        assertThat(SimClient.object(response).get("errors")).asList().hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void includeStatsAddsStatsOnlyWhenAsked() {
        Map<String, Object> plain = SimClient.records(client.get("tickets", "updated_since", "2000-01-01")).get(0);
        Map<String, Object> withStats = SimClient.records(client.get("tickets", "updated_since", "2000-01-01",
                "include", "stats,requester")).get(0);

        assertThat(plain).doesNotContainKeys("stats", "requester");
        assertThat(withStats).containsKeys("stats", "requester");
        assertThat((Map<String, Object>) withStats.get("stats")).containsKeys("resolved_at", "first_responded_at",
                "closed_at");
        assertThat(((Map<?, ?>) withStats.get("requester")).get("id")).isEqualTo(plain.get("requester_id"));
    }

    @Test
    void theListHoldsTheDescriptionOnlyWhenAsked() {
        Map<String, Object> plain = SimClient.records(client.get("tickets", "updated_since", "2000-01-01")).get(0);
        Map<String, Object> described = SimClient.records(client.get("tickets", "updated_since", "2000-01-01",
                "include", "description")).get(0);

        assertThat(plain).doesNotContainKeys("description", "description_text");
        assertThat(described.get("id")).isEqualTo(plain.get("id"));
        assertThat((String) described.get("description_text")).isNotBlank();
        assertThat((String) described.get("description")).startsWith("<div><p>");
    }

    @Test
    void companiesAgentsAndGroupsAreListedByIdAndIgnoreFilters() {
        assertThat(client.readAll("companies", "updated_since", "2030-01-01", "per_page", "100")).hasSize(100);
        assertThat(client.readAll("agents")).hasSize(8).extracting(a -> ((Number) a.get("id")).longValue()).isSorted();
        assertThat(client.readAll("groups")).hasSize(5);
    }
}
