package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class TicketsSyncTest extends SyncTestSupport {

    @Test
    void pagesByKeysetUntilNoNextLinkAndLoadsEveryTicketOnce() {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(DISTINCT id) FROM tickets_changes")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
        // page 1 from the start date, then keyset steps from the newest updated_at written; the third
        // answer has no Link rel="next", so there is no fourth request
        assertThat(freshdesk.requests()).isEqualTo(3);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo("2000-01-01T00:00:00Z"))
                .withQueryParam("order_by", equalTo("updated_at"))
                .withQueryParam("order_type", equalTo("asc"))
                .withQueryParam("per_page", equalTo("100"))
                .withQueryParam("page", equalTo("1")));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo(at(100).toString()))
                .withQueryParam("page", equalTo("1")));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo(at(199).toString()))
                .withQueryParam("page", equalTo("1")));
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }

    @Test
    void nextRunAsksOnlyForChangesSinceTheCursor() {
        serveFakeLists();
        for (int i = 1; i <= 5; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        sync("tickets");
        assertThat(cursor("tickets")).isEqualTo(at(5));
        wireMock.resetRequests();

        freshdesk.touch("tickets", 2, at(100));
        freshdesk.put("tickets", 6, at(101));
        SyncOutcome second = sync("tickets");

        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo(at(5).toString())));
        assertThat(second.message()).contains("1 inserted, 1 updated");
        assertThat(instant(query("SELECT updated_at FROM tickets WHERE id = 2").get(0).get("updated_at")))
                .isEqualTo(at(100));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(7);
        assertThat(cursor("tickets")).isEqualTo(at(101));
    }

    @Test
    void recordsReReadAtTheBoundarySecondAreDropped() {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, at(10));
        }
        sync("tickets");
        assertThat(query("SELECT CAST(boundary_keys AS VARCHAR) AS k FROM _sync_state").get(0).get("k").toString())
                .contains("tickets/1@", "tickets/2@", "tickets/3@");

        // a ticket updated in the same second as the cursor, after the first run read it
        freshdesk.put("tickets", 4, at(10));
        freshdesk.put("tickets", 5, at(11));
        SyncOutcome second = sync("tickets");

        assertThat(second.message()).contains("5 records", "3 skipped as already loaded", "2 inserted");
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(5);
    }

    @Test
    void aBoundarySecondThatFillsWholePagesIsPagedThrough() {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, at(10));
        }
        for (int i = 151; i <= 160; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        sync("tickets");

        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(160);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(160);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo(at(10).toString()))
                .withQueryParam("page", equalTo("2")));
        assertThat(cursor("tickets")).isEqualTo(at(160));
    }

    @Test
    void anUpdateWhileASecondIsPagedByOffsetShiftsNoRecordOutOfReach() {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, at(10));
        }
        for (int i = 151; i <= 160; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // the first page holds tickets 1..100 of second 10; before page 2 of that second is read, ticket 5
        // is updated: 6..150 shift one place, and ticket 101 slips onto page 1, which was already read
        freshdesk.beforeAnswer(n -> {
            if (n == 2) {
                freshdesk.touch("tickets", 5, at(1000));
            }
        });

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        List<Long> ids = query("SELECT id FROM tickets ORDER BY id").stream().map(r -> (Long) r.get("id")).toList();
        assertThat(ids).hasSize(160).contains(101L);
        assertThat(instant(query("SELECT updated_at FROM tickets WHERE id = 5").get(0).get("updated_at")))
                .isEqualTo(at(1000));
        assertThat(cursor("tickets")).isEqualTo(at(1000));
    }

    @Test
    void aTicketUpdatedWhileTheSyncRunsCausesNoLoss() {
        serveFakeLists();
        for (int i = 1; i <= 300; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // before the second page: a ticket already read and one not yet read move to the end of the list;
        // with offset paging every later ticket would shift one place back and one would be skipped
        freshdesk.beforeAnswer(n -> {
            if (n == 2) {
                freshdesk.touch("tickets", 50, at(1000));
                freshdesk.touch("tickets", 150, at(1001));
            }
        });

        sync("tickets");

        List<Long> ids = query("SELECT id FROM tickets ORDER BY id").stream().map(r -> (Long) r.get("id")).toList();
        assertThat(ids).hasSize(300).doesNotHaveDuplicates();
        assertThat(ids.get(0)).isEqualTo(1L);
        assertThat(ids.get(299)).isEqualTo(300L);
        assertThat(instant(query("SELECT updated_at FROM tickets WHERE id = 50").get(0).get("updated_at")))
                .isEqualTo(at(1000));
        assertThat(instant(query("SELECT updated_at FROM tickets WHERE id = 150").get(0).get("updated_at")))
                .isEqualTo(at(1001));
        assertThat(cursor("tickets")).isEqualTo(at(1001));
    }

    @Test
    void moreThan300PagesOfChangesLoadCompletely() {
        serveFakeLists();
        int tickets = 30_150;
        for (int i = 1; i <= tickets; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(tickets);
        assertThat(freshdesk.requests()).isGreaterThan(300);
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("page", equalTo("2")));
        assertThat(cursor("tickets")).isEqualTo(at(tickets));
    }

    @Test
    void aRunThatFailsMidStreamResumesFromTheCommittedCursor() {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        freshdesk.failFrom(3, 503);

        SyncOutcome failed = sync("tickets");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failed.message()).contains("503");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(199);
        assertThat(cursor("tickets")).isEqualTo(at(199));
        // the third page was retried (freshdesk.retry.max-attempts=3 in tests), then the run gave up
        assertThat(freshdesk.requests()).isEqualTo(2 + 1 + 3);

        freshdesk.recover();
        wireMock.resetRequests();
        SyncOutcome resumed = sync("tickets");

        assertThat(resumed.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since", equalTo(at(199).toString())));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }

    @Test
    void retriesAreCountedPerPageSoAFlakyServerDoesNotWearOutALongRun() {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // three failures on each page: within freshdesk.retry.max-attempts=3 for the page, 6 in the run
        freshdesk.failRequests(Set.of(1, 2, 3, 5, 6, 7), 502);

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
    }

    @Test
    void rowsWrittenByARunThatDiedBeforeItsCursorCommitAreNotDuplicated() {
        serveFakeLists();
        for (int i = 1; i <= 120; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // a run wrote the first 100 rows, then the process was killed before the cursor commit
        sync("tickets");
        duckDb().saveState(
                new SyncState("tickets", Instant.parse("2000-01-01T00:00:00Z"),
                        Set.of(), "killed"));

        SyncOutcome rerun = sync("tickets");

        assertThat(rerun.message()).contains("0 inserted, 0 updated, 120 already there");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(120);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(120);
        assertThat(cursor("tickets")).isEqualTo(at(120));
    }

    @Test
    void aRejectedApiKeyFailsTheStreamAtOnceAndLeavesItsCursor() {
        serveFakeLists();
        freshdesk.put("tickets", 1, at(1));
        duckDb().prepare(FreshdeskCatalogue.TICKETS.table());
        duckDb().saveState(
                new SyncState("tickets", at(0), Set.of(), "earlier"));
        wireMock.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets"))
                .atPriority(1)
                .willReturn(WireMock.aResponse()
                        .withStatus(401)
                        .withBody("{\"code\":\"invalid_credentials\"}")));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("401", "freshdesk.api-key").doesNotContain(FreshdeskWireMock.API_KEY);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets")));
        assertThat(cursor("tickets")).isEqualTo(at(0));
        assertThat(count("SELECT count(*) FROM tickets")).isZero();
    }

    @Test
    void theWholeRecordIsKeptBesideTheTypedColumns() {
        serveFakeLists();
        freshdesk.put("tickets", 67042965499L, at(1))
                .put("brand_new_field", "ünïcode ✓")
                .putObject("custom_fields")
                .put("cf_plan", "gold");

        sync("tickets");

        Map<String, Object> row = query("SELECT id, subject, status, CAST(custom_fields AS VARCHAR) AS cf,"
                + " CAST(record AS VARCHAR) AS record, _sync_run_id FROM tickets").get(0);
        assertThat(row.get("id")).isEqualTo(67042965499L);
        assertThat(row.get("subject")).isEqualTo("Record 67042965499");
        assertThat(row.get("status")).isEqualTo(2);
        assertThat(row.get("cf").toString()).contains("gold");
        assertThat(row.get("record").toString()).contains("brand_new_field", "ünïcode ✓");
        assertThat(row.get("_sync_run_id").toString()).startsWith("tickets-");
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("_updated_since", absent()));
    }

    @Test
    void eachRecordIsKeptAsTheTextItCameIn() {
        // spacing, key order, a number's trailing zero and escapes as Freshdesk wrote them; a parse written out again
        // would change every one of them
        String first = "{ \"id\" : 7,\"updated_at\":\"" + at(1) + "\", \"amount\": 1.50,"
                + " \"subject\":\"caf\\u00e9 [\\\"x\\\"] }\", \"status\": 2, \"tags\" : [ ]}";
        String second = "{\"updated_at\":\"" + at(2) + "\",\"id\":8,\"description\":\"ünïcode ✓\"}";
        wireMock.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets"))
                .atPriority(1)
                .willReturn(WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("[\n  " + first + " ,\n  " + second + "\n]\n")));

        sync("tickets");

        assertThat(query("SELECT id, CAST(record AS VARCHAR) AS record FROM tickets_changes ORDER BY id"))
                .extracting(row -> row.get("record"))
                .containsExactly(first, second);
        assertThat(query("SELECT CAST(record AS VARCHAR) AS record FROM tickets WHERE id = 7").get(0).get("record"))
                .isEqualTo(first);
    }

    @Test
    void aTicketDatedFarInTheFutureIsLoadedButMovesNoCursor() {
        serveFakeLists();
        for (int i = 1; i <= 5; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        freshdesk.put("tickets", 6, Instant.parse("2100-01-01T00:00:00Z"));
        freshdesk.put("tickets", 7, Instant.parse("9999-12-31T23:59:59Z"));
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger
                .getLogger("io.freshdeskbigquery.sync.page.CapCursorAtClock");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record instanceof ExtLogRecord ext
                            ? ext.getFormattedMessage()
                            : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            SyncOutcome first = sync("tickets");

            assertThat(first.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            // nothing is lost: the two tickets dated in the future are loaded too
            assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(7);
            // but the cursor stays with the newest ticket dated within sync.max-future-skew (a day) of the clock
            assertThat(cursor("tickets")).isEqualTo(at(5)).isBefore(Instant.now().plus(Duration.ofDays(1)));
            assertThat(warnings).anySatisfy(warning -> assertThat(warning).contains("tickets", "record 7",
                    "9999-12-31T23:59:59Z", "sync.max-future-skew", "/api/v2/tickets?"));
            assertThat(warnings)
                    .anySatisfy(warning -> assertThat(warning).contains("record 6", "2100-01-01T00:00:00Z"));

            // a real change of a ticket and a new ticket, after the first run
            freshdesk.touch("tickets", 2, at(100));
            freshdesk.put("tickets", 8, at(101));
            wireMock.resetRequests();
            SyncOutcome second = sync("tickets");

            wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                    .withQueryParam("updated_since", equalTo(at(5).toString())));
            // both are loaded; the tickets dated in the future, met again, are known as loaded
            assertThat(second.message()).contains("1 inserted, 1 updated", "5 records", "3 skipped as already loaded");
            assertThat(instant(query("SELECT updated_at FROM tickets WHERE id = 2").get(0).get("updated_at")))
                    .isEqualTo(at(100));
            assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(8);
            assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(9);
            assertThat(cursor("tickets")).isEqualTo(at(101)).isBefore(Instant.now().plus(Duration.ofDays(1)));
        } finally {
            logger.removeHandler(handler);
        }
    }

    /** Tickets {@code from}..{@code to}, each updated at second {@code id} after T0. */
    private static List<ObjectNode> tickets(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(id -> FakeFreshdesk.newRecord(id, at(id)))
                .toList();
    }

    @Test
    void twoPagesServedAlternatelyForeverStopTheRun() {
        serveFakeLists();
        // whatever is asked: tickets 1..100, then 101..200, then 1..100 again, ..., always with rel="next" (after 200
        // requests the list ends, so that a loader that is not stopped still finishes)
        freshdesk.pageForever(n -> n > 200 ? List.of() : n % 2 == 1 ? tickets(1, 100) : tickets(101, 200));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 3 (", "/api/v2/tickets?",
                "the same records as page 1 of this read", "rel=\"next\"");
        assertThat(freshdesk.requests()).isEqualTo(3);
        // the two distinct pages are written, once each, and the cursor stands after the last record written
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(200);
        assertThat(cursor("tickets")).isEqualTo(at(200));
    }

    @Test
    void aWindowThatMovesByOneTicketAPageStopsTheRun() {
        serveFakeLists();
        // the n-th request is answered with tickets n..n+99, always with rel="next": each keyset step finds one new
        // ticket and 99 it read on the page before
        freshdesk.pageForever(n -> n > 200 ? List.of() : tickets(n, n + 99));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 11 (", "/api/v2/tickets?", "makes no progress",
                "rel=\"next\"");
        assertThat(freshdesk.requests()).isEqualTo(11);
        // the tickets of the pages before are kept, and the cursor is not past the newest of them
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(109);
        assertThat(cursor("tickets")).isEqualTo(at(109));
    }
}
