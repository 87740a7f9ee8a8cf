package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.freshdeskbigquery.app.ScheduleStarter;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** End to end: WireMock plays Freshdesk, another WireMock plays BigQuery; destination.type=bigquery. */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
@WithTestResource(BigQueryWireMock.class)
class BigQuerySyncTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    WireMockServer wireMock;
    FakeFreshdesk freshdesk;
    FakeBigQuery bigQuery;

    @Inject
    ProducerTemplate producer;
    @Inject
    Destination destination;
    @Inject
    SyncRuns runs;
    @Inject
    ScheduleStarter starter;
    @Inject
    SyncSettings settings;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        freshdesk.reset();
        bigQuery.reset();
        wireMock.stubFor(get(urlPathMatching("/api/v2/(tickets|contacts|companies)"))
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));
    }

    SyncOutcome sync(String stream) {
        producer.sendBody("direct:sync-" + stream, null);
        return runs.last(stream).orElseThrow();
    }

    @Test
    void runningEachStreamOnceReadsEveryCursorInOneQueryAndResumesEachStreamFromItsOwn() {
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
            freshdesk.put("contacts", i, T0.plusSeconds(i));
        }
        // every other list of every stream ("all" here) is empty
        wireMock.stubFor(get(urlPathMatching("/api/v2/.*")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
        starter.runEachStreamOnce().forEach(CompletableFuture::join);
        assertThat(settings.streams())
                .allSatisfy(stream -> assertThat(runs.last(stream.streamName()).orElseThrow().status())
                        .as(stream.streamName())
                        .isEqualTo(SyncOutcome.Status.SUCCEEDED));
        // the first read found no cursor
        assertThat(stateSelects()).singleElement().asString().startsWith("SELECT `stream`,");
        bigQuery.queries.clear();

        // as the next sync.once process runs them (this one would read each cursor again when a run starts otherwise)
        starter.runEachStreamOnce().forEach(CompletableFuture::join);

        assertThat(stateSelects()).as("SELECTs of _sync_state when every stream runs once")
                .singleElement()
                .asString()
                .startsWith("SELECT `stream`,")
                .doesNotContain("WHERE");
        // and no stream wrote, nor did any cursor's row say a write went past its last MERGE: no look at a history
        assertThat(bigQuery.queries).as("queries when nothing is new").noneMatch(q -> q.contains("_changes`"));
        for (String stream : List.of("tickets", "contacts")) {
            SyncOutcome quiet = runs.last(stream).orElseThrow();
            // each resumed from the cursor the first run committed: nothing new, nothing written
            assertThat(quiet.status()).as(quiet.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            assertThat(quiet.message()).contains("0 inserted, 0 updated, 0 already there");
            assertThat(bigQuery.state.get(stream)[0]).isEqualTo(T0.plusSeconds(150).toString());
        }
        assertThat(bigQuery.insertsInto("tickets_changes")).hasSize(2); // the first run's two pages, none since
    }

    private List<String> stateSelects() {
        return bigQuery.queries.stream().filter(q -> q.startsWith("SELECT") && q.contains("._sync_state`")).toList();
    }

    @Test
    void theBigQueryDestinationIsSelected() {
        assertThat(destination).isInstanceOf(BigQueryDestination.class);
        assertThat(destination.describe()).startsWith("bigquery:project test-project, dataset freshdesk_test");
    }

    @Test
    void everyTicketArrivesExactlyOnceAndTheCursorIsKeptInBigQuery() {
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(outcome.message()).contains("250 inserted, 0 updated");
        assertThat(bigQuery.unknown).isEmpty();
        List<String> insertIds = bigQuery.insertsInto("tickets_changes")
                .stream()
                .flatMap(i -> i.insertIds().stream())
                .toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            expected.add("tickets:" + i + ":" + T0.plusSeconds(i));
        }
        assertThat(insertIds).containsExactlyInAnyOrderElementsOf(expected);
        // one insertAll per page of 100 (pages 2 and 3 start with the boundary ticket, already loaded and dropped);
        // the cursor is committed after the first page, then not before bigquery.commit.interval (1h here) has
        // passed, and at the end: 2 DML jobs on _sync_state, not one per page; the current table is MERGEd from the
        // history after 2 pages (bigquery.merge.every-batches=2 here) and at the end of the run
        assertThat(bigQuery.insertsInto("tickets_changes")).extracting(i -> i.rows().size())
                .containsExactly(100, 99, 51);
        assertThat(bigQuery.statements("MERGE `test-project.freshdesk_test._sync_state` ")).hasSize(2);
        // (the merge after 2 pages runs beside the third page's write: when it takes that page's rows too, the end of
        // the run finds nothing new and makes no MERGE)
        int firstRunMerges = bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ").size();
        assertThat(bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ")).hasSizeBetween(1, 2)
                .allSatisfy(merge -> assertThat(merge).contains("FROM `test-project.freshdesk_test.tickets_changes`"));
        assertThat(bigQuery.current.get("tickets")).hasSize(250);
        assertThat(bigQuery.mergedThrough.get("tickets")).isEqualTo(Instant.parse(
                bigQuery.insertsInto("tickets_changes").get(2).rows().get(0).get("_loaded_at").asText()));
        assertThat(bigQuery.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(250).toString());

        // the next run starts from the cursor read back from _sync_state
        int insertsBefore = bigQuery.insertsInto("tickets_changes").size();
        wireMock.resetRequests();
        freshdesk.touch("tickets", 2, T0.plusSeconds(1000));
        freshdesk.put("tickets", 251, T0.plusSeconds(1001));
        SyncOutcome second = sync("tickets");

        assertThat(second.message()).contains("1 inserted, 1 updated");
        wireMock.verify(WireMock.getRequestedFor(
                WireMock.urlPathEqualTo("/api/v2/tickets"))
                .withQueryParam("updated_since",
                        WireMock.equalTo(T0.plusSeconds(250).toString())));
        List<FakeBigQuery.Insert> inserts = bigQuery.insertsInto("tickets_changes");
        assertThat(inserts.subList(insertsBefore, inserts.size()).stream().flatMap(i -> i.insertIds().stream()))
                .containsExactlyInAnyOrder("tickets:2:" + T0.plusSeconds(1000), "tickets:251:" + T0.plusSeconds(1001));
        assertThat(bigQuery.current.get("tickets")).hasSize(251).containsEntry(2L, T0.plusSeconds(1000));
        int merges = bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ").size();
        assertThat(merges).isEqualTo(firstRunMerges + 1);

        // a run with nothing new does not MERGE (no scan of the current table), nor rewrite an unchanged cursor
        int stateWrites = bigQuery.statements("MERGE `test-project.freshdesk_test._sync_state` ").size();
        SyncOutcome third = sync("tickets");
        assertThat(third.message()).contains("0 inserted, 0 updated");
        assertThat(bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ")).hasSize(merges);
        assertThat(bigQuery.statements("MERGE `test-project.freshdesk_test._sync_state` ")).hasSize(stateWrites);
    }

    @Test
    void aRunCutOffBetweenCommitsResumesAtItsLastCommitAndLosesNothing() {
        for (int i = 1; i <= 350; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        // page 3's rows are never taken (insertAll answers 500, retries included): pages 1 and 2 are written, but only
        // page 1's cursor was committed (bigquery.commit.interval is 1h here), and the failed write stops the run
        bigQuery.failInsertsOf(row -> row.path("id").asLong() == 250);

        SyncOutcome failed = sync("tickets");
        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failed.message())
                .contains("tickets: writing the rows of page 3 (99 rows) failed; the cursor stays at "
                        + T0.plusSeconds(100));
        assertThat(bigQuery.insertsInto("tickets_changes")).extracting(i -> i.rows().size()).containsExactly(100, 99);
        assertThat(bigQuery.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(100).toString());

        bigQuery.failInsertsOf(row -> false);
        SyncOutcome resumed = sync("tickets");

        // the next run reads page 2 again (its rows go to the history again: the current table is exact)
        assertThat(resumed.status()).as(resumed.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery.current.get("tickets")).hasSize(350);
        assertThat(bigQuery.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(350).toString());
        assertThat(bigQuery.insertsInto("tickets_changes").stream().flatMap(i -> i.insertIds().stream()).distinct())
                .hasSize(350);
    }

    @Test
    void eachVersionIsStreamedOnceEvenWhenASecondFillsMoreThanAPage() {
        // 150 tickets share one second: the loader pages through it by offset, then reads its pages once more to
        // catch records that shifted; the records after that second, on its last page, were already streamed
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(10));
        }
        for (int i = 151; i <= 180; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        List<String> sent = bigQuery.insertsInto("tickets_changes")
                .stream()
                .flatMap(i -> i.insertIds().stream())
                .toList();
        assertThat(sent).hasSize(180).doesNotHaveDuplicates();
        assertThat(bigQuery.current.get("tickets")).hasSize(180);
    }

    @Test
    void aRunThatFailsMergesWhatItWroteAndRowsItCouldNotMergeAreMergedByTheNextRun() {
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        // the request after the first page (keyset: from the new cursor) is refused
        var refused = wireMock.stubFor(get(urlPathMatching("/api/v2/tickets")).atPriority(1)
                .withQueryParam("updated_since",
                        WireMock.equalTo(T0.plusSeconds(100).toString()))
                .willReturn(aResponse().withStatus(401)));

        SyncOutcome failed = sync("tickets");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failed.message()).contains("401");
        // the page is in the history, the cursor passed it, and the failed run brought the current table up to date
        assertThat(bigQuery.insertsInto("tickets_changes")).extracting(i -> i.rows().size()).containsExactly(100);
        assertThat(bigQuery.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(100).toString());
        assertThat(bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ")).hasSize(1);
        assertThat(bigQuery.current.get("tickets")).hasSize(100);

        // again, a page further (keyset: the next request asks from ticket 199's second), with the merge after the
        // failure failing too: the run reports its own failure
        for (int i = 151; i <= 250; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        wireMock.removeStub(refused);
        refused = wireMock.stubFor(get(urlPathMatching("/api/v2/tickets")).atPriority(1)
                .withQueryParam("updated_since",
                        WireMock.equalTo(T0.plusSeconds(199).toString()))
                .willReturn(aResponse().withStatus(401)));
        bigQuery.failNextMerges(100);
        SyncOutcome failedAgain = sync("tickets");

        assertThat(failedAgain.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failedAgain.message()).contains("401").doesNotContain("MERGE");
        assertThat(bigQuery.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(199).toString());
        assertThat(bigQuery.current.get("tickets")).hasSize(100);

        bigQuery.failNextMerges(0);
        wireMock.removeStub(refused);
        SyncOutcome next = sync("tickets");

        // the next run loads the rest and its MERGE takes what the failed runs left too
        assertThat(next.status()).as(next.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(next.message()).contains("52 records in 1 pages: 150 inserted, 0 updated");
        assertThat(bigQuery.current.get("tickets")).hasSize(250);
    }

    @Test
    void aMergeThatFailsFailsTheRunAndTheNextRunMergesEvenWithNothingNewToLoad() {
        for (int i = 1; i <= 60; i++) {
            freshdesk.put("contacts", i, T0.plusSeconds(i));
        }
        bigQuery.failNextMerges(100);

        SyncOutcome failed = sync("contacts");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failed.message()).contains("MERGE", "contacts_changes", "the next MERGE takes them");
        // written and passed by the cursor, but not in the current table
        assertThat(bigQuery.insertsInto("contacts_changes")).extracting(i -> i.rows().size()).containsExactly(60);
        assertThat(bigQuery.state.get("contacts")[0]).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(bigQuery.current.get("contacts")).isNull();

        bigQuery.failNextMerges(0);
        SyncOutcome next = sync("contacts");

        assertThat(next.status()).as(next.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(next.message()).contains("60 inserted, 0 updated");
        // nothing was loaded twice
        assertThat(bigQuery.insertsInto("contacts_changes")).hasSize(1);
        assertThat(bigQuery.current.get("contacts")).hasSize(60);
    }

    @Test
    void aRowBigQueryRefusesIsRejectedAndTheRunCarriesOn() {
        for (int i = 1; i <= 20; i++) {
            freshdesk.put("contacts", i, T0.plusSeconds(i));
        }
        bigQuery.refuseRows(row -> row.path("id").asLong() == 7);

        SyncOutcome outcome = sync("contacts");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // the refused row is counted in the run summary's "rejected", and not as inserted or unchanged
        assertThat(outcome.message()).contains("20 records in 1 pages: 19 inserted, 0 updated, 0 already there,"
                + " 0 skipped as already loaded, 1 rejected");
        Map<Long, Integer> arrived = new HashMap<>();
        bigQuery.insertsInto("contacts_changes")
                .forEach(i -> i.rows().forEach(r -> arrived.merge(r.get("id").asLong(), 1, Integer::sum)));
        assertThat(arrived).hasSize(19).doesNotContainKey(7L).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(bigQuery.insertsInto("_rejected")).hasSize(1);
        assertThat(bigQuery.insertsInto("_rejected").get(0).rows().get(0).get("raw").asText()).contains("\"id\":7");
        assertThat(bigQuery.state.get("contacts")[0]).isEqualTo(T0.plusSeconds(20).toString());
    }
}
