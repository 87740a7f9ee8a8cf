package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations, a child stream of tickets: read per changed ticket from {@code tickets/{id}/conversations}, with a
 * cursor of their own over the tickets' {@code updated_at}.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class ConversationsSyncTest extends SyncTestSupport {

    /** Ticket i has conversations 10·i+1 and, for even i, 10·i+2. */
    private void ticketsWithConversations(int count) {
        for (int i = 1; i <= count; i++) {
            freshdesk.put("tickets", i, at(i));
            freshdesk.putConversation(i, 10L * i + 1, at(i));
            if (i % 2 == 0) {
                freshdesk.putConversation(i, 10L * i + 2, at(i));
            }
        }
    }

    /** The tickets whose conversations were asked for since the last reset, each as often as it was asked. */
    private List<Long> conversationRequests() {
        return wireMock.findAll(anyRequestedFor(urlPathMatching("/api/v2/tickets/\\d+/conversations")))
                .stream()
                .map(r -> Long.valueOf(r.getUrl().replaceAll(".*/tickets/(\\d+)/conversations.*", "$1")))
                .sorted()
                .toList();
    }

    @Test
    void conversationsAreReadOnlyForTicketsChangedSinceTheirCursorAndEditsAreLoaded() {
        serveFakeLists();
        ticketsWithConversations(150);

        SyncOutcome first = sync("conversations");

        assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // every ticket's conversations, once; the tickets list itself is read by keyset like the tickets stream
        assertThat(conversationRequests()).hasSize(150).doesNotHaveDuplicates();
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo("2000-01-01T00:00:00Z"))
                .withQueryParam("order_by", equalTo("updated_at"))
                .withQueryParam("per_page", equalTo("100")));
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(225);
        assertThat(count("SELECT count(*) FROM conversations WHERE ticket_id = 8")).isEqualTo(2);
        assertThat(cursor("conversations")).isEqualTo(at(150));
        // no tickets were loaded by it: the tickets stream has its own table and cursor
        assertThat(cursor("tickets")).isNull();

        // ticket 7 changes: a new reply, and its first conversation is edited (last_edited_at, not updated_at)
        freshdesk.touch("tickets", 7, at(500));
        freshdesk.putConversation(7, 73, at(500));
        freshdesk.record("conversations", 71)
                .put("body_text", "Reply 71, corrected")
                .put("last_edited_at", at(490).toString());
        wireMock.resetRequests();

        SyncOutcome second = sync("conversations");

        assertThat(second.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(conversationRequests()).containsExactly(7L);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since",
                equalTo(at(150).toString())));
        assertThat(query("SELECT body_text, last_edited_at FROM conversations WHERE id = 71").get(0).get("body_text"))
                .isEqualTo("Reply 71, corrected");
        assertThat(count("SELECT count(*) FROM conversations WHERE ticket_id = 7")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(226);
        assertThat(cursor("conversations")).isEqualTo(at(500));
    }

    @Test
    void aRunCutOffHalfWayResumesWithoutLosingOrRereadingAFinishedTicketsConversations() {
        serveFakeLists();
        ticketsWithConversations(250);
        // request 1: tickets page 1; 2-101: conversations of tickets 1-100; 102: tickets from ticket 100's second;
        // 103-: conversations of tickets 101-; from request 150 on the server is down
        freshdesk.failFrom(150, 503);

        SyncOutcome cut = sync("conversations");

        assertThat(cut.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(cut.message()).contains("Stream conversations, tickets ", "HTTP 503");
        // the first page of tickets had all its conversations written: the cursor passed it, and only it
        assertThat(cursor("conversations")).isEqualTo(at(100));
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(150);

        freshdesk.recover();
        wireMock.resetRequests();
        SyncOutcome resumed = sync("conversations");

        assertThat(resumed.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // a finished ticket's conversations are not read again (not even ticket 100's, at the cursor's second)
        List<Long> asked = conversationRequests();
        assertThat(asked).doesNotHaveDuplicates().hasSize(150);
        assertThat(new TreeSet<>(asked).first()).isEqualTo(101L);
        // nothing lost, nothing twice
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(375);
        assertThat(count("SELECT count(*) FROM conversations_changes")).isEqualTo(375);
        assertThat(cursor("conversations")).isEqualTo(at(250));
    }

    @Test
    void aTicketDeletedBeforeItsConversationsAreReadHasNoneAndTheRunGoesOn() {
        serveFakeLists();
        ticketsWithConversations(3);
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets/2/conversations")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"code\":\"access_denied\"}")));

        SyncOutcome outcome = sync("conversations");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(query("SELECT DISTINCT ticket_id FROM conversations ORDER BY ticket_id"))
                .extracting(row -> row.get("ticket_id"))
                .containsExactly(1L, 3L);
        assertThat(cursor("conversations")).isEqualTo(at(3));
    }

    @Test
    void aBrokenConversationIsKeptInRejectedAndTheOthersLoad() {
        serveFakeLists();
        ticketsWithConversations(2);
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets/1/conversations")).atPriority(1)
                .willReturn(aResponse().withBody("[{\"id\":11,\"updated_at\":\"2025-01-01T00:00:01Z\",\"ticket_id\":1},"
                        + "{\"id\":12,\"ticket_id\":1,\"body_text\":\"no updated_at\"}]")));

        SyncOutcome outcome = sync("conversations");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(3);
        assertThat(query("SELECT stream, page_url, reason FROM _rejected")).singleElement().satisfies(row -> {
            assertThat(row.get("stream")).isEqualTo("conversations");
            assertThat((String) row.get("page_url")).contains("/tickets/1/conversations");
            assertThat(row.get("reason")).isEqualTo("no updated_at");
        });
        assertThat(Set.copyOf(conversationRequests())).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aTicketDatedFarInTheFutureMovesNoConversationsCursor() {
        serveFakeLists();
        ticketsWithConversations(3);
        freshdesk.put("tickets", 4, Instant.parse("9999-12-31T23:59:59Z"));
        freshdesk.putConversation(4, 41, at(4));

        SyncOutcome first = sync("conversations");

        assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // the ticket's conversations are loaded, but its date does not move the cursor
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(5);
        assertThat(cursor("conversations")).isEqualTo(at(3));

        freshdesk.touch("tickets", 2, at(100));
        freshdesk.putConversation(2, 23, at(100));
        wireMock.resetRequests();
        SyncOutcome second = sync("conversations");

        // the changed ticket's conversations are read; the one dated in the future is known as done
        assertThat(second.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(conversationRequests()).containsExactly(2L);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(6);
        assertThat(cursor("conversations")).isEqualTo(at(100));
    }
}
