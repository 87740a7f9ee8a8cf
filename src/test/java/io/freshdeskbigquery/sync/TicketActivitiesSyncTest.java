package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket activity export (ticket_activities): WireMock as Freshdesk answers a link per day, a second WireMock on
 * another port plays the storage the links point at. A first run reads the default 30 days up to yesterday.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class TicketActivitiesSyncTest extends SyncTestSupport {

    static final String EXPORT = "/api/v2/export/ticket_activities";
    /** A link's query as a storage signs it (its escapes must reach the storage as they are). */
    static final String SIGNED = "X-Amz-Credential=AKIA%2F20261201%2Fus-east-1&X-Amz-Signature=5ig%2Bnature";

    /** The storage the links point at (held apart: the test resource injects Freshdesk's WireMock by its type). */
    static final class Storage {
        final WireMockServer server = new WireMockServer(options().dynamicPort());
    }

    static Storage files;

    @BeforeAll
    static void startStorage() {
        files = new Storage();
        files.server.start();
    }

    @AfterAll
    static void stopStorage() {
        files.server.stop();
    }

    LocalDate today;

    @BeforeEach
    void everyDayHasAnEmptyExport() {
        files.server.resetAll();
        today = LocalDate.now(ZoneOffset.UTC);
        // by default each day's export is there, with no activity
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(9)
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(
                        okJson("{\"export\":{\"url\":\"" + files.server.baseUrl() + "/empty.json?" + SIGNED + "\"}}")));
        files.server.stubFor(get(urlPathEqualTo("/empty.json")).willReturn(
                okJson("{\"metadata\":{\"activities_count\":0},\"activities_data\":[]}")));
    }

    /** The day's export links to {@code /<day>.json} on the storage, which holds these activities. */
    void dayHolds(LocalDate day, String... activities) {
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(5)
                .withQueryParam("created_at", equalTo(day.toString()))
                .willReturn(
                        okJson("{\"export\":[{\"created_at\":\"" + day + "\",\"url\":\"" + files.server.baseUrl() + "/"
                                + day + ".json?" + SIGNED + "\"}]}")));
        files.server.stubFor(get(urlPathEqualTo("/" + day + ".json")).willReturn(okJson("{\"metadata\":{\"start_at\":\""
                + day + "\",\"activities_count\":" + activities.length + "},\"activities_data\":["
                + String.join(",", activities) + "]}")));
    }

    static String activity(long ticket, String performedAt, String set) {
        return "{\"performer_type\":\"user\",\"performer_id\":149018,\"ticket_id\":" + ticket + ",\"performed_at\":\""
                + performedAt + "\",\"activity\":" + set + "}";
    }

    /** {@code dd-MM-yyyy HH:mm:ss +0000} of a time on a day. */
    static String at(LocalDate day, String time) {
        return String.format("%02d-%02d-%d %s +0000", day.getDayOfMonth(), day.getMonthValue(), day.getYear(), time);
    }

    static Instant instantOf(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + "Z");
    }

    Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    void aFirstRunReadsTheLastThirtyDaysOldestFirstEachFileWithoutTheApiKey() {
        LocalDate day = today.minusDays(2);
        String note = activity(7, at(day, "09:00:00"), "{\"note\":{\"id\":1,\"type\":\"private\"}}");
        dayHolds(day,
                activity(7, at(day, "08:00:00"), "{\"new_ticket\":true,\"status\":\"Open\",\"priority\":2}"),
                note,
                note,
                // written in the account's time zone (+05:30): 14:30 there is 09:00 UTC
                activity(7, String.format("%02d-%02d-%d 14:30:00 +0530", day.getDayOfMonth(), day.getMonthValue(),
                        day.getYear()), "{\"status\":\"Pending\",\"agent_id\":42,\"group_id\":\"5\"}"),
                activity(7, at(day, "17:00:00"), "{\"status\":\"Resolved\",\"priority\":\"high\"}"));

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(outcome.message()).contains("5 activities from 30 days' exports", "5 inserted");
        // every day over since the first one (30 days before today) was asked for, oldest first, with the API key
        List<String> asked = wireMock.findAll(getRequestedFor(urlPathEqualTo(EXPORT)))
                .stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> request.queryParameter("created_at").firstValue())
                .toList();
        assertThat(asked).hasSize(30).first().isEqualTo(today.minusDays(30).toString());
        assertThat(asked).last().isEqualTo(today.minusDays(1).toString());
        assertThat(asked).isSorted();
        wireMock.verify(30, getRequestedFor(urlPathEqualTo(EXPORT)).withBasicAuth(
                new BasicCredentials(FreshdeskWireMock.API_KEY, "X")));
        // the storage got each file's request with its signed query as it was, and no API key, no header of ours
        files.server.verify(30, getRequestedFor(urlPathMatching("/.*\\.json")).withHeader("Authorization", absent())
                .withHeader("Accept", absent()));
        List<LoggedRequest> file = files.server.findAll(getRequestedFor(urlPathEqualTo("/" + day + ".json")));
        assertThat(file).hasSize(1);
        assertThat(file.get(0).getUrl()).isEqualTo("/" + day + ".json?" + SIGNED);

        // a row per activity, the two identical notes too, each with a key of its own
        assertThat(count("SELECT count(*) FROM ticket_activities")).isEqualTo(5);
        assertThat(count("SELECT count(DISTINCT id) FROM ticket_activities")).isEqualTo(5);
        List<Map<String, Object>> rows = query("SELECT ticket_id, performer_type, performer_id, performed_at,"
                + " status, priority, group_id, agent_id, export_day, export_position, record->>'$.activity.status'"
                + " AS raw_status FROM ticket_activities ORDER BY export_position");
        assertThat(rows.get(0)).containsEntry("ticket_id", 7L)
                .containsEntry("performer_type", "user")
                .containsEntry("performer_id", 149018L)
                .containsEntry("status", "Open")
                .containsEntry("priority", 2)
                .containsEntry("export_day", day.toString())
                .containsEntry("export_position", 0);
        assertThat(instant(rows.get(3).get("performed_at"))).isEqualTo(instantOf(day, "09:00:00"));
        assertThat(rows.get(3)).containsEntry("status", "Pending")
                .containsEntry("agent_id", 42L)
                .containsEntry("group_id", 5L);
        // a value of another type than its column's is NULL there, and kept in the record
        assertThat(rows.get(4)).containsEntry("priority", null).containsEntry("raw_status", "Resolved");
        // the cursor: the start of today, the first day not read
        assertThat(cursor("ticket_activities")).isEqualTo(start(today));

        // the time in each status: open 08:00-09:00, pending 09:00-17:00, resolved since 17:00
        List<Map<String, Object>> stays = query(
                "SELECT status, entered, \"left\", seconds FROM ticket_status_durations WHERE ticket_id = 7"
                        + " ORDER BY entered");
        assertThat(stays).extracting(stay -> stay.get("status")).containsExactly("Open", "Pending", "Resolved");
        assertThat(stays).extracting(stay -> stay.get("seconds")).containsExactly(3600L, 28800L, null);
        assertThat(instant(stays.get(1).get("left"))).isEqualTo(instantOf(day, "17:00:00"));
    }

    @Test
    void aDayReadAgainAddsNoRowAndTheNextRunAsksOnlyForNewDays() {
        LocalDate day = today.minusDays(3);
        dayHolds(day, activity(9, at(day, "10:00:00"), "{\"status\":\"Open\"}"),
                activity(9, at(day, "10:00:00"), "{\"status\":\"Open\"}"),
                activity(9, at(day, "11:00:00"), "{\"status\":\"Closed\"}"));
        sync("ticket_activities");
        assertThat(count("SELECT count(*) FROM ticket_activities")).isEqualTo(3);
        List<Long> ids = query("SELECT id FROM ticket_activities ORDER BY id").stream()
                .map(row -> (Long) row.get("id"))
                .toList();

        // the cursor set back: the days are read again, their rows keep their keys
        duckDb().execute("DELETE FROM _sync_state WHERE stream = 'ticket_activities'");
        SyncOutcome again = sync("ticket_activities");

        assertThat(again.message()).contains("3 activities from 30 days' exports", "0 inserted, 0 updated");
        assertThat(query("SELECT id FROM ticket_activities ORDER BY id").stream()
                .map(row -> (Long) row.get("id"))
                .toList()).isEqualTo(ids);
        // a status set again while the ticket is in it is no new stay
        assertThat(count("SELECT count(*) FROM ticket_status_durations WHERE ticket_id = 9")).isEqualTo(2);

        // nothing is over since: no request
        wireMock.resetRequests();
        SyncOutcome third = sync("ticket_activities");
        assertThat(third.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(third.message()).contains("0 activities from 0 days' exports");
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(EXPORT)));
    }

    @Test
    void aDayWhoseExportIsNotReadyStopsTheRunThereUntilItIs() {
        LocalDate yesterday = today.minusDays(1);
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(5)
                .withQueryParam("created_at", equalTo(yesterday.toString()))
                .willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"file_not_found\",\"message\":\"File not found\"}")));

        SyncOutcome first = sync("ticket_activities");

        assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(first.message()).contains("29 days' exports", "the export of " + yesterday + " is not ready yet");
        assertThat(cursor("ticket_activities")).isEqualTo(start(yesterday));

        // an answer without a link is not ready either
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(5)
                .withQueryParam("created_at", equalTo(yesterday.toString()))
                .willReturn(okJson("{\"export\":{}}")));
        assertThat(sync("ticket_activities").message()).contains("not ready yet (HTTP 200 without a link)");
        assertThat(cursor("ticket_activities")).isEqualTo(start(yesterday));

        dayHolds(yesterday, activity(3, at(yesterday, "23:59:59"), "{\"status\":\"Open\"}"));
        wireMock.resetRequests();
        SyncOutcome second = sync("ticket_activities");

        wireMock.verify(1, getRequestedFor(urlPathEqualTo(EXPORT)).withQueryParam("created_at",
                equalTo(yesterday.toString())));
        assertThat(second.message()).contains("1 activity from 1 day's export");
        assertThat(cursor("ticket_activities")).isEqualTo(start(today));
    }

    @Test
    void aDayStillWithoutAnExportLongAfterItEndedIsSkippedAndTheRunGoesOn() {
        LocalDate missing = today.minusDays(10);
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(5)
                .withQueryParam("created_at", equalTo(missing.toString()))
                .willReturn(aResponse().withStatus(404)));
        LocalDate later = today.minusDays(5);
        dayHolds(later, activity(4, at(later, "12:00:00"), "{\"status\":\"Open\"}"));

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(outcome.message()).contains("1 activity from 29 days' exports (1 day without an export skipped)");
        assertThat(cursor("ticket_activities")).isEqualTo(start(today));
    }

    @Test
    void anExportTheKeyMayNotReadSkipsTheStreamSayingWhy() {
        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(1)
                .willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this"
                                + " action.\"}")));
        SyncOutcome notAdmin = sync("ticket_activities");
        assertThat(notAdmin.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(notAdmin.message()).contains("HTTP 403", "the API key's agent is not an administrator");

        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(1)
                .willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"require_feature\",\"message\":\"The Activity Export feature is not"
                                + " supported in your plan.\"}")));
        SyncOutcome notEnabled = sync("ticket_activities");
        assertThat(notEnabled.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(notEnabled.message()).contains("the ticket activity export is not on the account's plan, or not"
                + " enabled");

        wireMock.stubFor(get(urlPathEqualTo(EXPORT)).atPriority(1)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"invalid_credentials\"}")));
        SyncOutcome refused = sync("ticket_activities");
        assertThat(refused.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(refused.message()).contains("HTTP 401", "does not accept the API key for the export");
        assertThat(cursor("ticket_activities")).isNull();
        files.server.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aFileCutOffIsAskedForAgainWithAFreshLinkAndLoadsOnce() {
        LocalDate day = today.minusDays(4);
        dayHolds(day, activity(5, at(day, "07:00:00"), "{\"status\":\"Open\"}"));
        files.server.stubFor(get(urlPathEqualTo("/" + day + ".json")).atPriority(1)
                .inScenario("cut")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"activities_data\":[{\"ticket_id\":5,").withFault(
                        Fault.RANDOM_DATA_THEN_CLOSE))
                .willSetStateTo("whole"));

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(EXPORT)).withQueryParam("created_at",
                equalTo(day.toString())));
        assertThat(count("SELECT count(*) FROM ticket_activities")).isEqualTo(1);
    }

    @Test
    void anActivityWithoutItsTicketOrTimeIsKeptApart() {
        LocalDate day = today.minusDays(6);
        dayHolds(day, activity(5, at(day, "07:00:00"), "{\"status\":\"Open\"}"),
                "{\"performer_type\":\"system\",\"performed_at\":\"yesterday\",\"activity\":{\"status\":\"Open\"}}");

        SyncOutcome outcome = sync("ticket_activities");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM ticket_activities")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM _rejected WHERE stream = 'ticket_activities'")).isEqualTo(1);
        assertThat(outcome.message()).contains("1 rejected");
    }
}
