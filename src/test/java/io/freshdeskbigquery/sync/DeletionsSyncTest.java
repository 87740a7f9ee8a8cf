package io.freshdeskbigquery.sync;

import java.util.Map;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleted and spam tickets and soft-deleted contacts leave their lists; the deleted_tickets, spam_tickets and
 * deleted_contacts streams read them (filter=deleted, filter=spam, state=deleted) with cursors of their own and load
 * them into tickets / contacts as their newest versions: flagged, with _deleted_at. A restored one comes back to life.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class DeletionsSyncTest extends SyncTestSupport {

    private Map<String, Object> ticket(long id) {
        return query("SELECT deleted, spam, _deleted_at, updated_at FROM tickets WHERE id = ?", id).get(0);
    }

    @Test
    void deletedAndSpamTicketsAreFlaggedInTicketsAndARestoredOneComesBack() {
        serveFakeLists();
        for (int i = 1; i <= 5; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        sync("tickets");
        // ticket 2 is deleted, ticket 3 marked as spam (Freshdesk stamps a new updated_at); ticket 4 is archived:
        // it leaves the list without being deleted
        freshdesk.record("tickets", 2).put("deleted", true).put("updated_at", at(100).toString());
        freshdesk.record("tickets", 3).put("spam", true).put("updated_at", at(101).toString());
        freshdesk.remove("tickets", 4);

        assertThat(sync("tickets").message()).contains("0 inserted, 0 updated");
        assertThat(sync("deleted_tickets").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(sync("spam_tickets").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("filter", equalTo("deleted"))
                .withQueryParam("updated_since", equalTo("2000-01-01T00:00:00Z"))
                .withQueryParam("order_by", equalTo("updated_at")));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("filter", equalTo("spam")));
        assertThat(ticket(2)).containsEntry("deleted", true).extractingByKey("_deleted_at").isNotNull();
        assertThat(ticket(3)).containsEntry("spam", true).extractingByKey("_deleted_at").isNotNull();
        assertThat(instant(ticket(2).get("updated_at"))).isEqualTo(at(100));
        // each stream its own cursor; the tickets' did not move
        assertThat(cursor("deleted_tickets")).isEqualTo(at(100));
        assertThat(cursor("spam_tickets")).isEqualTo(at(101));
        assertThat(cursor("tickets")).isEqualTo(at(5));
        // nothing else is marked: not the live tickets, not the archived one
        assertThat(count("SELECT count(*) FROM tickets WHERE _deleted_at IS NULL")).isEqualTo(3);
        assertThat(ticket(4).get("_deleted_at")).isNull();

        // ticket 2 is restored: back in the tickets list with a new updated_at, it comes back to life
        freshdesk.record("tickets", 2).remove("deleted");
        freshdesk.touch("tickets", 2, at(200));
        assertThat(sync("tickets").message()).contains("0 inserted, 1 updated");
        assertThat(ticket(2).get("_deleted_at")).isNull();
        assertThat(ticket(2).get("deleted")).isNotEqualTo(true);
        assertThat(count("SELECT count(*) FROM tickets_changes WHERE id = 2")).isEqualTo(3);
    }

    @Test
    void softDeletedContactsAreFlaggedInContacts() {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("contacts", i, at(i));
        }
        sync("contacts");
        freshdesk.record("contacts", 1).put("deleted", true).put("updated_at", at(50).toString());

        assertThat(sync("deleted_contacts").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/contacts")).withQueryParam("state", equalTo("deleted"))
                .withQueryParam("_updated_since", equalTo("2000-01-01T00:00:00Z")));
        assertThat(query("SELECT deleted, _deleted_at FROM contacts WHERE id = 1").get(0))
                .containsEntry("deleted", true)
                .extractingByKey("_deleted_at")
                .isNotNull();
        assertThat(count("SELECT count(*) FROM contacts WHERE _deleted_at IS NULL")).isEqualTo(2);
        assertThat(cursor("deleted_contacts")).isEqualTo(at(50));
    }
}
