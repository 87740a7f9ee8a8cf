package io.freshdeskbigquery.sync;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.freshdeskbigquery.app.ScheduleStarter;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.testing.SyncTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the deletion tests share: tickets 1-3 and contacts 1-2 synced live, then ticket 2 deleted, ticket 3 marked as
 * spam and contact 1 soft-deleted, and the configured streams run once each, as {@code sync.once} and each schedule
 * run them ({@link ScheduleStarter#runEachStreamOnce}).
 */
abstract class DeletionsRideScenario extends SyncTestSupport {

    static final RequestPatternBuilder DELETED_TICKETS = getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
            .withQueryParam("filter", equalTo("deleted"));
    static final RequestPatternBuilder SPAM_TICKETS = getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
            .withQueryParam("filter", equalTo("spam"));
    static final RequestPatternBuilder DELETED_CONTACTS = getRequestedFor(urlPathEqualTo("/api/v2/contacts"))
            .withQueryParam("state", equalTo("deleted"));
    static final List<RequestPatternBuilder> DELETION_LISTS = List.of(DELETED_TICKETS, SPAM_TICKETS,
            DELETED_CONTACTS);

    @Inject
    ScheduleStarter starter;
    @Inject
    SyncSettings settings;

    /** The live records synced, then the deletions made in Freshdesk; the requests counted from here. */
    void liveRecordsSyncedThenDeleted() {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        for (int i = 1; i <= 2; i++) {
            freshdesk.put("contacts", i, at(i));
        }
        runEachStreamOnce();
        assertThat(count("SELECT count(*) FROM tickets WHERE _deleted_at IS NULL")).isEqualTo(3);
        freshdesk.record("tickets", 2).put("deleted", true).put("updated_at", at(100).toString());
        freshdesk.record("tickets", 3).put("spam", true).put("updated_at", at(101).toString());
        freshdesk.record("contacts", 1).put("deleted", true).put("updated_at", at(102).toString());
        wireMock.resetRequests();
    }

    /** Every configured stream once, side by side, to its end; each succeeded. */
    void runEachStreamOnce() {
        starter.runEachStreamOnce().forEach(CompletableFuture::join);
        assertThat(settings.streams()).allSatisfy(stream -> assertThat(
                runs.last(stream.streamName()).orElseThrow().status()).as(stream.streamName())
                .isEqualTo(SyncOutcome.Status.SUCCEEDED));
    }

    Map<String, Object> ticket(long id) {
        return query("SELECT deleted, spam, _deleted_at FROM tickets WHERE id = ?", id).get(0);
    }

    Map<String, Object> contact(long id) {
        return query("SELECT deleted, _deleted_at FROM contacts WHERE id = ?", id).get(0);
    }

    /** The deleted ticket, the spam ticket and the deleted contact are marked; the live ones are not. */
    void theDeletionsAreMarked() {
        assertThat(ticket(2)).containsEntry("deleted", true).extractingByKey("_deleted_at").isNotNull();
        assertThat(ticket(3)).containsEntry("spam", true).extractingByKey("_deleted_at").isNotNull();
        assertThat(ticket(1).get("_deleted_at")).isNull();
        assertThat(contact(1)).containsEntry("deleted", true).extractingByKey("_deleted_at").isNotNull();
        assertThat(contact(2).get("_deleted_at")).isNull();
        // each list under its own cursor, the tickets' and contacts' unmoved
        assertThat(cursor("deleted_tickets")).isEqualTo(at(100));
        assertThat(cursor("spam_tickets")).isEqualTo(at(101));
        assertThat(cursor("deleted_contacts")).isEqualTo(at(102));
        assertThat(cursor("tickets")).isEqualTo(at(3));
        assertThat(cursor("contacts")).isEqualTo(at(2));
    }

    int requests(RequestPatternBuilder pattern) {
        return wireMock.findAll(pattern).size();
    }

    static RequestPatternBuilder anyRequest() {
        return WireMock.anyRequestedFor(WireMock.anyUrl());
    }
}
