package io.freshdeskbigquery.sync;

import java.util.List;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class ContactsAndCompaniesSyncTest extends SyncTestSupport {

    @Test
    void contactsAreFilteredWithUnderscoreUpdatedSince() {
        serveFakeLists();
        for (int i = 1; i <= 130; i++) {
            freshdesk.put("contacts", i, at(i));
        }

        SyncOutcome first = sync("contacts");
        freshdesk.touch("contacts", 7, at(500));
        wireMock.resetRequests();
        SyncOutcome second = sync("contacts");

        assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(second.message()).contains("0 inserted, 1 updated");
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/contacts"))
                .withQueryParam("_updated_since", equalTo(at(130).toString()))
                .withQueryParam("updated_since", absent())
                .withQueryParam("per_page", equalTo("100")));
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(130);
        assertThat(count("SELECT count(*) FROM contacts_changes")).isEqualTo(131);
        assertThat(cursor("contacts")).isEqualTo(at(500));
    }

    @Test
    void contactsAnsweredOutOfOrderMoveTheCursorOnlyAtTheEnd() {
        // two pages; the first is not in updated_at order, so its newest record proves nothing
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/contacts")).withQueryParam("page", equalTo("1"))
                .willReturn(aResponse().withHeader("Link", "<http://x/api/v2/contacts?page=2>; rel=\"next\"")
                        .withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:50Z\"},"
                                + "{\"id\":2,\"updated_at\":\"2025-01-01T00:00:10Z\"}]")));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/contacts")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withBody("[{\"id\":3,\"updated_at\":\"2025-01-01T00:00:20Z\"}]")));

        SyncOutcome outcome = sync("contacts");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // offset paging over the same query: page 2, never a keyset restart
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/contacts")).withQueryParam("page", equalTo("2"))
                .withQueryParam("_updated_since", equalTo("2000-01-01T00:00:00Z")));
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(3);
        assertThat(cursor("contacts")).isEqualTo(at(50));
    }

    @Test
    void companiesAreReadWholeAndOnlyChangesAreLoaded() {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("companies", i, at(i));
        }
        sync("companies");
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/companies")).withQueryParam("page", equalTo("2"))
                .withQueryParam("updated_since", absent())
                .withQueryParam("_updated_since", absent()));

        freshdesk.touch("companies", 3, at(900));
        SyncOutcome second = sync("companies");

        assertThat(second.message()).contains("0 inserted, 1 updated");
        assertThat(count("SELECT count(*) FROM companies")).isEqualTo(150);
        // the unchanged companies read again did not add history rows
        assertThat(count("SELECT count(*) FROM companies_changes")).isEqualTo(151);
        assertThat(cursor("companies")).isEqualTo(at(900));
    }

    @Test
    void aRecordWithoutIdIsKeptInRejectedAndTheRestOfThePageLoads() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withBody(
                "[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"},{\"subject\":\"no id\",\"updated_at\":\"2025-01-01T00:00:02Z\"},"
                        + "{\"id\":3,\"updated_at\":\"yesterday\"},{\"id\":4,\"updated_at\":\"2025-01-01T00:00:04Z\"}]")));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // asked again twice (freshdesk.retry.bad-record-attempts), still bad: kept aside, the rest loaded
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/api/v2/tickets")));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(2);
        assertThat(query("SELECT reason, raw, page_url FROM _rejected ORDER BY reason")).satisfiesExactly(
                r -> assertThat(r.get("reason")).isEqualTo("no id"),
                r -> {
                    assertThat(r.get("reason")).isEqualTo("updated_at is not an ISO-8601 timestamp");
                    assertThat(r.get("raw").toString()).contains("yesterday");
                    assertThat(r.get("page_url").toString()).contains("/tickets?");
                });
        assertThat(cursor("tickets")).isEqualTo(at(4));
    }

    @Test
    void agentsGroupsAndRolesAreReadWholeAndOnlyTheirChangesWritten() {
        serveFakeLists();
        for (String stream : List.of("agents", "groups", "roles")) {
            freshdesk.put(stream, 1, at(1)).put("name", stream + " one");
            freshdesk.put(stream, 2, at(2));
        }
        freshdesk.put("roles", 3, at(3)).put("default", true);

        for (String stream : List.of("agents", "groups", "roles")) {
            assertThat(sync(stream).status()).as(stream).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }
        freshdesk.touch("groups", 2, at(50));
        SyncOutcome second = sync("groups");

        assertThat(count("SELECT count(*) FROM agents")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM roles WHERE \"default\"")).isEqualTo(1);
        assertThat(query("SELECT name FROM \"groups\" WHERE id = 1").get(0).get("name")).isEqualTo("groups one");
        // read whole (no incremental filter), but only the changed group is written
        assertThat(second.message()).contains("0 inserted, 1 updated");
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/roles")).withQueryParam("updated_since", absent()));
        assertThat(cursor("groups")).isEqualTo(at(50));
    }

    @Test
    void aForbiddenStreamIsSkippedNotFailed() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/companies")).willReturn(aResponse().withStatus(403)
                .withBody("{\"code\":\"access_denied\"}")));

        SyncOutcome outcome = sync("companies");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(outcome.message()).contains("403", "may not read this stream");
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/companies")));
    }

    @Test
    void malformedJsonIsRetriedThenFailsTheRunWithItsPageNamed() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withBody("[{\"id\":1,\"upd")));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 1", "not valid JSON");
        wireMock.verify(1 + 3, getRequestedFor(urlPathEqualTo("/api/v2/tickets")));
        assertThat(cursor("tickets")).isNull();
    }

    @Test
    void aFailureAfterAKeysetStepNamesThePageOfTheRunNotTheQuerysPageOne() {
        // page 1 of the run reaches 00:00:02; the keyset step asks page 1 from there, which is broken
        wireMock.stubFor(
                get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since", equalTo("2000-01-01T00:00:00Z"))
                        .willReturn(aResponse().withHeader("Link", "<http://x/api/v2/tickets?page=2>; rel=\"next\"")
                                .withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"},"
                                        + "{\"id\":2,\"updated_at\":\"2025-01-01T00:00:02Z\"}]")));
        wireMock.stubFor(
                get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since", equalTo("2025-01-01T00:00:02Z"))
                        .willReturn(aResponse().withBody("[{\"id\":3,\"upd")));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 2 (", "updated_since=2025-01-01T00:00:02Z",
                "not valid JSON");
        // what page 1 held is written and the cursor stands after it
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(2);
        assertThat(cursor("tickets")).isEqualTo(at(2));
    }

    @Test
    void aServerThatRepeatsTheSamePageForeverIsStopped() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/companies")).willReturn(aResponse()
                .withHeader("Link", "<http://x/api/v2/companies?page=2>; rel=\"next\"")
                .withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"}]")));

        SyncOutcome outcome = sync("companies");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("same records as the previous page");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/companies")));
    }
}
