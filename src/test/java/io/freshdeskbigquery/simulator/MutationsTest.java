package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutationsTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(),
            new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    private static long id(Map<String, Object> record) {
        return ((Number) record.get("id")).longValue();
    }

    private static String newestUpdatedAt(List<Map<String, Object>> records) {
        return records.stream().map(r -> (String) r.get("updated_at")).max(Comparator.naturalOrder()).orElseThrow();
    }

    @Test
    void touchedTicketBecomesTheNewestAndTheClockMovesOneSecond() {
        Instant before = simulator.now();
        Map<String, Object> oldest = simulator.snapshot("tickets").get(0);

        Instant updated = simulator.mutations().touchTicket(id(oldest));

        assertThat(updated).isEqualTo(before.plusSeconds(1)).isEqualTo(simulator.now());
        List<Map<String, Object>> after = simulator.snapshot("tickets");
        assertThat(newestUpdatedAt(after)).isEqualTo(updated.toString());
        Map<String, Object> touched = after.get(0);
        assertThat(touched.get("updated_at")).isEqualTo(updated.toString());
        assertThat(touched.get("created_at")).isEqualTo(oldest.get("created_at"));
        assertThat(touched.get("subject")).isEqualTo(oldest.get("subject"));

        List<Map<String, Object>> read = client.readAll("tickets", "updated_since", updated.toString(),
                "order_by", "updated_at", "order_type", "asc");
        assertThat(read).extracting(MutationsTest::id).containsExactly(id(oldest));
    }

    @Test
    void everyAnswerCarriesTheSimulatedClockInItsDateHeader() {
        // the simulated account's clock (not this machine's): where a run's progress is measured to
        assertThat(client.get("tickets").header("Date")).isEqualTo("Sun, 1 Nov 2026 00:00:00 GMT");
        simulator.mutations().touchTicket(id(simulator.snapshot("tickets").get(0)));
        assertThat(client.get("tickets").header("Date")).isEqualTo("Sun, 1 Nov 2026 00:00:01 GMT");
    }

    @Test
    void everyNthSuccessfulListRequestRunsABatch() {
        simulator.mutations().everyRequests(2, 3, 2, 1);
        Instant start = simulator.now();
        long lastTicketId = id(simulator.snapshot("tickets").get(1999));

        SimResponse first = client.get("tickets", "updated_since", "2000-01-01");
        assertThat(simulator.now()).isEqualTo(start);
        client.get("tickets", "per_page", "500"); // 400: does not count
        client.get("contacts");

        Instant batch = start.plusSeconds(1);
        assertThat(simulator.now()).isEqualTo(batch);
        assertThat(simulator.mutations().batches()).isEqualTo(1);
        List<Map<String, Object>> tickets = simulator.snapshot("tickets");
        assertThat(tickets).hasSize(2000 + 2 - 1);
        assertThat(tickets.stream().filter(t -> batch.toString().equals(t.get("updated_at")))).hasSize(3 + 2);
        assertThat(tickets.subList(tickets.size() - 2, tickets.size())).allSatisfy(t -> {
            assertThat(id(t)).isGreaterThan(lastTicketId);
            assertThat(t.get("created_at")).isEqualTo(batch.toString());
            assertThat(t.get("status")).isEqualTo(2);
        });
        assertThat(simulator.snapshot("contacts").stream().filter(c -> batch.toString().equals(c.get("updated_at"))))
                .hasSize(3);
        assertThat(simulator.deletedIds("tickets")).hasSize(1);
        assertThat(first.status()).isEqualTo(200);
    }

    @Test
    void deletedTicketsLeaveTheListAndAreServedWithFilterDeleted() {
        long victim = id(simulator.snapshot("tickets").get(5));
        simulator.mutations().delete("tickets", victim);

        assertThat(client.readAll("tickets", "updated_since", "2000-01-01", "per_page", "100"))
                .hasSize(1999)
                .extracting(MutationsTest::id)
                .doesNotContain(victim);
        List<Map<String, Object>> deleted = client.readAll("tickets", "filter", "deleted", "updated_since",
                "2000-01-01");
        assertThat(deleted).extracting(MutationsTest::id).containsExactly(victim);
        assertThat(deleted.get(0).get("deleted")).isEqualTo(true);
        assertThat(deleted.get(0).get("updated_at")).isEqualTo(simulator.now().toString());
        assertThatThrownBy(() -> simulator.mutations().touchTicket(victim))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateRandomAndCreateWorkOnAnyStream() {
        List<Long> updated = simulator.mutations().updateRandom("companies", 4);
        List<Long> created = simulator.mutations().create("contacts", 2);

        assertThat(updated).hasSize(4).doesNotHaveDuplicates();
        assertThat(created).hasSize(2);
        assertThat(simulator.snapshot("contacts")).hasSize(502);
        assertThat(client.readAll("companies", "per_page", "100")).filteredOn(c -> updated.contains(id(c)))
                .allSatisfy(c -> assertThat(Instant.parse((String) c.get("updated_at")))
                        .isAfter(SimulatorSettings.DEFAULT_NOW));
    }

    @Test
    void offsetPagingOverAMovingListLosesRecords() {
        // the failure mode the loader must avoid: updates during the read shift later pages back
        simulator.mutations().everyRequests(1, 1, 0, 0);

        List<Map<String, Object>> read = client.readAll("tickets", "updated_since", "2000-01-01", "order_by",
                "updated_at",
                "order_type", "asc", "per_page", "100");

        long distinct = read.stream().map(MutationsTest::id).distinct().count();
        assertThat(read).hasSize(2000);
        assertThat(distinct).isLessThan(2000);
        assertThat(read.get(read.size() - 1).get("updated_at")).isEqualTo(simulator.now().minusSeconds(1).toString());
    }

    @Test
    void mutationsAreDeterministicForTheSameRequests() {
        SimulatedFreshdesk other = new SimulatedFreshdesk(SimulatorSettings.defaults().withUnlimitedRate(),
                TestClock.atTenPastTheMinute(), new ObjectMapper());
        for (SimulatedFreshdesk sim : List.of(simulator, other)) {
            sim.mutations().everyRequests(1, 5, 3, 2);
            SimClient c = new SimClient(sim);
            c.readAll("tickets", "updated_since", "2025-01-01", "per_page", "100");
        }

        assertThat(other.snapshot("tickets")).isEqualTo(simulator.snapshot("tickets"));
        assertThat(other.snapshot("contacts")).isEqualTo(simulator.snapshot("contacts"));
        assertThat(other.deletedIds("tickets")).isEqualTo(simulator.deletedIds("tickets")).isNotEmpty();
    }
}
