package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationTest {

    private static SimulatedFreshdesk simulator(long seed) {
        return new SimulatedFreshdesk(SimulatorSettings.defaults().withSeed(seed), TestClock.atTenPastTheMinute(),
                new ObjectMapper());
    }

    @Test
    void sameSeedGivesTheSameData() {
        SimulatedFreshdesk a = simulator(7);
        SimulatedFreshdesk b = simulator(7);

        for (String stream : List.of("tickets", "contacts", "companies", "agents", "groups")) {
            assertThat(a.snapshot(stream)).as(stream).isEqualTo(b.snapshot(stream));
        }
        assertThat(new SimClient(a).get("tickets", "include", "stats,requester,company").body())
                .isEqualTo(new SimClient(b).get("tickets", "include", "stats,requester,company").body());
    }

    @Test
    void otherSeedGivesOtherData() {
        assertThat(simulator(7).snapshot("tickets")).isNotEqualTo(simulator(8).snapshot("tickets"));
    }

    @Test
    void ticketsLookReal() {
        SimulatedFreshdesk simulator = simulator(42);
        List<Map<String, Object>> tickets = simulator.snapshot("tickets");
        Instant now = simulator.now();

        assertThat(tickets).hasSize(2000);
        assertThat(((Number) tickets.get(0).get("id")).longValue()).isEqualTo(67_042_965_499L);
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t).containsKeys("id", "subject", "status", "priority", "source",
                    "type", "requester_id", "responder_id", "group_id", "company_id", "tags", "cc_emails", "fwd_emails",
                    "to_emails", "custom_fields", "due_by", "fr_due_by", "is_escalated", "fr_escalated", "created_at",
                    "updated_at");
            assertThat((Integer) t.get("status")).isBetween(2, 5);
            assertThat((Integer) t.get("priority")).isBetween(1, 4);
            assertThat((String) t.get("updated_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            Instant created = Instant.parse((String) t.get("created_at"));
            Instant updated = Instant.parse((String) t.get("updated_at"));
            assertThat(updated).isAfterOrEqualTo(created).isBeforeOrEqualTo(now);
            assertThat(created).isAfter(now.minusSeconds(3L * 366 * 86_400));
        });
        assertThat(tickets)
                .anySatisfy(t -> assertThat((String) t.get("subject")).containsPattern("[\\x{1F300}-\\x{1FAFF}]"));
        assertThat(tickets).anySatisfy(t -> assertThat((String) t.get("subject")).contains("\""));
        assertThat(SimClient
                .records(new SimClient(simulator).get("tickets", "updated_since", "2000-01-01", "per_page", "100",
                        "include", "description")))
                .anySatisfy(t -> assertThat((String) t.get("description_text")).hasSizeGreaterThan(3000));
        assertThat(tickets).anySatisfy(t -> assertThat(t.get("type")).isNull());
        assertThat(tickets).anySatisfy(t -> assertThat(t.get("responder_id")).isNull());
        assertThat(tickets).anySatisfy(t -> assertThat(t.get("company_id")).isNull());
        assertThat(tickets).anySatisfy(t -> {
            Map<?, ?> custom = (Map<?, ?>) t.get("custom_fields");
            assertThat(custom.get("cf_refund_amount")).isInstanceOf(Double.class);
            assertThat(custom.get("cf_region")).isNull();
            assertThat(custom.get("cf_is_vip")).isInstanceOf(Boolean.class);
            assertThat(custom.get("cf_order_number")).isInstanceOf(String.class);
        });
        assertThat(tickets).extracting(t -> ((Number) t.get("id")).longValue()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void referencesPointAtExistingRecords() {
        SimulatedFreshdesk simulator = simulator(42);
        List<Object> contactIds = simulator.snapshot("contacts").stream().map(c -> c.get("id")).toList();
        List<Object> companyIds = simulator.snapshot("companies").stream().map(c -> c.get("id")).toList();
        List<Object> agentIds = simulator.snapshot("agents").stream().map(c -> c.get("id")).toList();

        assertThat(simulator.snapshot("tickets")).allSatisfy(t -> {
            assertThat(contactIds).contains(t.get("requester_id"));
            if (t.get("company_id") != null) {
                assertThat(companyIds).contains(t.get("company_id"));
            }
            if (t.get("responder_id") != null) {
                assertThat(agentIds).contains(t.get("responder_id"));
            }
        });
    }

    @Test
    void contactsAndCompaniesHaveTheirShapes() {
        SimulatedFreshdesk simulator = simulator(42);

        assertThat(simulator.snapshot("contacts")).hasSize(500)
                .allSatisfy(c -> assertThat(c).containsKeys("id", "name",
                        "email", "phone", "company_id", "active", "job_title", "language", "time_zone", "custom_fields",
                        "created_at", "updated_at"));
        assertThat(simulator.snapshot("companies")).hasSize(100)
                .allSatisfy(c -> assertThat(c).containsKeys("id", "name",
                        "domains", "description", "custom_fields", "created_at", "updated_at"));
    }
}
