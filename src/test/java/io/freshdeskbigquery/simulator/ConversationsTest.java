package io.freshdeskbigquery.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tickets/{id}/conversations}: a ticket's replies and notes, paged, changing as the ticket does. */
class ConversationsTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(), new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    private long ticketId(int index) {
        return ((Number) simulator.snapshot("tickets").get(index).get("id")).longValue();
    }

    @Test
    void aTicketsConversationsArePagedOldestFirstAndBelongToIt() {
        long ticket = ticketId(5);
        List<Map<String, Object>> all = client.readAll("tickets/" + ticket + "/conversations", "per_page", "1");

        assertThat(all).isNotEmpty()
                .allSatisfy(c -> assertThat(((Number) c.get("ticket_id")).longValue()).isEqualTo(ticket));
        assertThat(all).extracting(c -> ((Number) c.get("id")).longValue()).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(c -> c.get("created_at").toString()).isSorted();
        SimResponse first = client.get("tickets/" + ticket + "/conversations", "per_page", "1");
        assertThat(first.header("Link") != null).isEqualTo(all.size() > 1);
        // the snapshot the end-to-end tests compare with holds the same conversations
        assertThat(simulator.conversationsSnapshot()
                .stream()
                .filter(c -> ((Number) c.get("ticket_id")).longValue() == ticket)
                .map(c -> ((Number) c.get("id")).longValue()))
                .containsExactlyElementsOf(all.stream().map(c -> ((Number) c.get("id")).longValue()).toList());
    }

    @Test
    void anUpdatedTicketHasANewReplyAndItsFirstReplyEditedWithoutANewUpdatedAt() {
        long ticket = ticketId(7);
        String path = "tickets/" + ticket + "/conversations";
        List<Map<String, Object>> before = client.readAll(path, "per_page", "100");

        simulator.mutations().touchTicket(ticket);
        simulator.mutations().touchTicket(ticket);
        List<Map<String, Object>> after = client.readAll(path, "per_page", "100");

        assertThat(after).hasSize(Math.min(40, before.size() + 2));
        Map<String, Object> first = after.get(0);
        assertThat(first.get("id")).isEqualTo(before.get(0).get("id"));
        assertThat(first.get("last_edited_at")).isNotNull();
        assertThat(first.get("body_text").toString()).endsWith("(edited)");
        assertThat(first.get("updated_at")).isEqualTo(before.get(0).get("updated_at"));
    }

    @Test
    void aDeletedOrUnknownTicketAnswers404AndAForbiddenStream403() {
        long ticket = ticketId(3);
        simulator.mutations().delete("tickets", ticket);

        assertThat(client.get("tickets/" + ticket + "/conversations").status()).isEqualTo(404);
        assertThat(client.get("tickets/1/conversations").status()).isEqualTo(404);
        assertThat(client.get("tickets/" + ticketId(4) + "/conversations", "per_page", "101").status()).isEqualTo(400);

        SimulatedFreshdesk forbidden = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withUnlimitedRate()
                .withForbiddenStreams(Set.of("conversations")), TestClock.atTenPastTheMinute(), new ObjectMapper());
        assertThat(new SimClient(forbidden).get("tickets/" + ticketId(4) + "/conversations").status()).isEqualTo(403);
    }
}
