package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.Set;

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

/** The streams beyond tickets, contacts and companies: satisfaction ratings (a lookback), time entries, settings. */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class CatalogueSyncTest extends SyncTestSupport {

    @Test
    void satisfactionRatingsAreFilteredByCreationTimeAndEveryRunReadsFourteenDaysBackAgain() {
        serveFakeLists();
        // 120 ratings, one a day (created = updated), the last on day 120
        for (int day = 1; day <= 120; day++) {
            freshdesk.put("satisfaction_ratings", day, T0.plus(Duration.ofDays(day)))
                    .put("created_at", T0.plus(Duration.ofDays(day)).toString());
        }

        SyncOutcome first = sync("satisfaction_ratings");

        assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // by offset over one query (no keyset: the filter is on creation time), from the start date less the lookback
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/surveys/satisfaction_ratings"))
                .withQueryParam("created_since", equalTo("1999-12-18T00:00:00Z"))
                .withQueryParam("page", equalTo("2")));
        assertThat(count("SELECT count(*) FROM satisfaction_ratings")).isEqualTo(120);
        assertThat(cursor("satisfaction_ratings")).isEqualTo(T0.plus(Duration.ofDays(120)));

        // rating 110 (created 10 days before the cursor) and rating 50 (70 days before) change their answer later
        freshdesk.touch("satisfaction_ratings", 110, T0.plus(Duration.ofDays(121)));
        freshdesk.touch("satisfaction_ratings", 50, T0.plus(Duration.ofDays(121)));
        wireMock.resetRequests();
        SyncOutcome second = sync("satisfaction_ratings");

        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/surveys/satisfaction_ratings"))
                .withQueryParam("created_since", equalTo(T0.plus(Duration.ofDays(106)).toString())));
        // the one inside the window is seen; the older one is not (Freshdesk cannot filter by update time)
        assertThat(second.message()).contains("0 inserted, 1 updated");
        assertThat(
                instant(query("SELECT updated_at FROM satisfaction_ratings WHERE id = 110").get(0).get("updated_at")))
                .isEqualTo(T0.plus(Duration.ofDays(121)));
        assertThat(instant(query("SELECT updated_at FROM satisfaction_ratings WHERE id = 50").get(0).get("updated_at")))
                .isEqualTo(T0.plus(Duration.ofDays(50)));
        // the window's other ratings, read again, are not loaded again
        assertThat(count("SELECT count(*) FROM satisfaction_ratings_changes")).isEqualTo(121);
        assertThat(second.message()).contains("14 skipped as already loaded");
        // the cursor never moves back
        assertThat(cursor("satisfaction_ratings")).isEqualTo(T0.plus(Duration.ofDays(121)));
    }

    @Test
    void timeEntriesAreReadWholeWithoutADateFilterAndOnlyChangesLoad() {
        serveFakeLists();
        for (int i = 1; i <= 130; i++) {
            freshdesk.put("time_entries", i, at(i)).put("time_spent", "00:1" + (i % 10));
        }
        sync("time_entries");
        freshdesk.touch("time_entries", 5, at(900));
        wireMock.resetRequests();

        SyncOutcome second = sync("time_entries");

        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/time_entries")).withQueryParam("page", equalTo("2"))
                .withQueryParam("executed_after", absent())
                .withQueryParam("updated_since", absent()));
        assertThat(second.message()).contains("0 inserted, 1 updated");
        assertThat(count("SELECT count(*) FROM time_entries")).isEqualTo(130);
        assertThat(count("SELECT count(*) FROM time_entries_changes")).isEqualTo(131);
    }

    private void field(long id, String name, String type, boolean builtIn) {
        freshdesk.put("ticket_fields", id, at((int) id)).put("name", name).put("type", type).put("default", builtIn);
    }

    @Test
    void theTicketFieldsMakeAViewWithATypedColumnPerCustomFieldAndADeletedFieldStaysInTheRecord() {
        serveFakeLists();
        field(1, "subject", "default_subject", true);
        field(2, "cf_region", "custom_dropdown", false);
        field(3, "cf_seats", "custom_number", false);
        field(4, "cf_is_vip", "custom_checkbox", false);
        field(5, "cf_refund", "custom_decimal", false);
        field(6, "status", "custom_text", false);
        freshdesk.put("tickets", 1, at(1))
                .putObject("custom_fields")
                .put("cf_region", "EMEA")
                .put("cf_seats", 12)
                .put("cf_is_vip", true)
                .put("cf_refund", 12.5)
                .put("status", "shadowed");
        freshdesk.put("tickets", 2, at(2)).putObject("custom_fields").put("cf_seats", "not a number");
        sync("tickets");

        assertThat(sync("ticket_fields").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        var rows = query(
                "SELECT id, cf_region, cf_seats, cf_is_vip, cf_refund, status FROM tickets_with_custom_fields ORDER BY id");
        // typed from the field definitions; a custom field named like a core column (status) stays in the record
        assertThat(rows.get(0)).containsEntry("cf_region", "EMEA")
                .containsEntry("cf_seats", 12L)
                .containsEntry("cf_is_vip", true)
                .containsEntry("cf_refund", 12.5)
                .containsEntry("status", 2);
        // a value that does not fit its field's type is NULL in the view, and kept in the record
        assertThat(rows.get(1)).containsEntry("cf_seats", null).containsEntry("cf_region", null);
        // every column of the table is there too
        assertThat(query("SELECT subject, record FROM tickets_with_custom_fields WHERE id = 1").get(0))
                .containsKeys("subject", "record");

        // cf_seats is deleted in Freshdesk: the next read of the fields makes the view without it; its values stay in
        // the record
        freshdesk.remove("ticket_fields", 3);
        sync("ticket_fields");
        assertThat(query("SELECT * FROM tickets_with_custom_fields WHERE id = 1").get(0)).doesNotContainKey("cf_seats")
                .containsKey("cf_region");
        assertThat(query(
                "SELECT json_extract_string(record, '$.custom_fields.cf_seats') AS seats FROM tickets WHERE id = 1")
                .get(0)
                .get("seats")).isEqualTo("12");
    }

    private List<Long> gone(String table) {
        return query("SELECT id FROM " + table + " WHERE _deleted_at IS NOT NULL ORDER BY id").stream()
                .map(row -> (Long) row.get("id"))
                .toList();
    }

    @Test
    void aRowGoneFromACompleteReadOfAListReadWholeIsMarkedAndOneBackIsNot() {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("companies", i, at(i));
        }
        sync("companies");
        assertThat(gone("companies")).isEmpty();

        // company 3 is deleted in Freshdesk: it is missing from the next complete read
        freshdesk.remove("companies", 3);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(gone("companies")).containsExactly(3L);
        Object markedAt = query("SELECT _deleted_at FROM companies WHERE id = 3").get(0).get("_deleted_at");

        // a read that fails half-way (page 2 down) proves nothing: nothing more is marked, nothing cleared
        freshdesk.remove("companies", 140);
        freshdesk.failRequests(
                Set.of(freshdesk.requests() + 2, freshdesk.requests() + 3, freshdesk.requests() + 4,
                        freshdesk.requests() + 5),
                503);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(gone("companies")).containsExactly(3L);

        // nor does a read that had to set a bad record aside (its id is unknown), or one that found nothing
        freshdesk.failRequests(Set.of(), 503);
        freshdesk.put("companies", 7, at(7)).remove("id");
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(gone("companies")).containsExactly(3L);
        freshdesk.put("companies", 7, at(7));

        // company 3 is back (restored, unchanged) and 140 still gone: the complete read says so
        freshdesk.put("companies", 3, at(3));
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(gone("companies")).containsExactly(140L);
        assertThat(markedAt).isNotNull();
        // the history keeps every version Freshdesk served; the marks are the loader's, on the current table only
        assertThat(count("SELECT count(*) FROM companies_changes WHERE _deleted_at IS NOT NULL")).isZero();
    }

    @Test
    void aSettingsListUnderAFolderIsReadWholeAndAForbiddenOneIsSkipped() {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("skills", i, at(i)).put("name", "Skill " + i);
        }
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/email/mailboxes")).atPriority(1)
                .willReturn(aResponse().withStatus(403)
                        .withBody(
                                "{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this action.\"}")));

        SyncOutcome skills = sync("skills");
        SyncOutcome mailboxes = sync("mailboxes");

        assertThat(skills.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/admin/skills")));
        assertThat(query("SELECT name FROM skills ORDER BY id")).extracting(row -> row.get("name"))
                .containsExactly("Skill 1", "Skill 2", "Skill 3");
        assertThat(mailboxes.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(mailboxes.message()).contains("HTTP 403", "email/mailboxes", "it needs an administrator's API key");
    }
}
