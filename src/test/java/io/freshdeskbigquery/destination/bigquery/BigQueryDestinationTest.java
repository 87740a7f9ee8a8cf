package io.freshdeskbigquery.destination.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Json;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SeenIds;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The BigQuery destination against WireMock playing the BigQuery REST API (no Quarkus: a plain Camel context). */
class BigQueryDestinationTest {

    static final String INSERT_ALL = "/bigquery/v2/projects/test-project/datasets/freshdesk_test/tables/%s/insertAll";
    static final StreamTable TICKETS = new StreamTable("tickets",
            List.of(new Column("subject", Column.ColumnType.VARCHAR),
                    new Column("status", Column.ColumnType.INTEGER), new Column("group_id", Column.ColumnType.BIGINT),
                    new Column("is_escalated", Column.ColumnType.BOOLEAN),
                    new Column("due_by", Column.ColumnType.TIMESTAMP),
                    new Column("custom_fields", Column.ColumnType.JSON)));
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    static WireMockServer server;
    static FakeBigQuery fake = new FakeBigQuery();
    static final List<BigQueryProcess> PROCESSES = new ArrayList<>();

    BigQueryProcess destination;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(BigQueryProcess::close);
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        fake.reset();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeBigQuery.NAME)));
        destination = destination(500, 5_000_000);
    }

    /** A process of the loader: its own Camel context running the BigQuery sink routes, and its destination. */
    BigQueryProcess destination(int maxRows, int maxBytes) {
        BigQuerySettings settings = new BigQuerySettings("test-project", "freshdesk_test", "EU", Optional.empty(),
                Optional.of(server.baseUrl()), maxRows, maxBytes, 500, 3, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ZERO);
        BigQueryProcess process = new BigQueryProcess(settings);
        PROCESSES.add(process);
        return process;
    }

    static Row row(long id, Instant updatedAt, String subject) {
        Map<String, Object> values = new HashMap<>();
        values.put("subject", subject);
        values.put("status", 2);
        values.put("group_id", 67000000001L);
        values.put("is_escalated", false);
        values.put("due_by", T0.plusSeconds(3600));
        values.put("custom_fields", "{\"cf_plan\":\"gold\"}");
        ObjectNode record = new ObjectMapper()
                .createObjectNode();
        record.put("id", id)
                .put("subject", subject)
                .put("updated_at", updatedAt.toString())
                .putObject("custom_fields")
                .put("cf_plan", "gold");
        return new Row(id, updatedAt, values, record.toString());
    }

    @Test
    void prepareCreatesTheDatasetAndTablesWithTheExactDdl() {
        destination.prepare(TICKETS);
        destination.prepare(TICKETS);

        assertThat(fake.unknown).isEmpty();
        assertThat(fake.queries).containsExactly(
                "CREATE SCHEMA IF NOT EXISTS `test-project.freshdesk_test` OPTIONS (location = 'EU')",
                "CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test._sync_state` (`stream` STRING NOT NULL,"
                        + " `cursor` TIMESTAMP NOT NULL, `boundary_keys` JSON NOT NULL, `_sync_run_id` STRING,"
                        + " `committed_at` TIMESTAMP NOT NULL, `merged_through` TIMESTAMP, `written_through` TIMESTAMP,"
                        + " `seen_ids_sha256` STRING)"
                        + " CLUSTER BY `stream`",
                "CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test._rejected` (`stream` STRING NOT NULL,"
                        + " `page_url` STRING, `reason` STRING NOT NULL, `raw` STRING, `_sync_run_id` STRING,"
                        + " `rejected_at` TIMESTAMP NOT NULL) PARTITION BY DATE(`rejected_at`)",
                "CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test.tickets_changes` (`id` INT64 NOT NULL,"
                        + " `updated_at` TIMESTAMP NOT NULL, `subject` STRING, `status` INT64, `group_id` INT64,"
                        + " `is_escalated` BOOL, `due_by` TIMESTAMP, `custom_fields` JSON, `record` JSON NOT NULL,"
                        + " `_loaded_at` TIMESTAMP NOT NULL, `_sync_run_id` STRING NOT NULL, `_insert_id` STRING)"
                        + " PARTITION BY DATE(`_loaded_at`) CLUSTER BY `id`",
                "CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test.tickets` (`id` INT64 NOT NULL,"
                        + " `updated_at` TIMESTAMP NOT NULL, `subject` STRING, `status` INT64, `group_id` INT64,"
                        + " `is_escalated` BOOL, `due_by` TIMESTAMP, `custom_fields` JSON, `record` JSON NOT NULL,"
                        + " `_loaded_at` TIMESTAMP NOT NULL, `_sync_run_id` STRING NOT NULL) CLUSTER BY `id`");
        // the job runs where the dataset lives
        server.verify(postRequestedFor(urlPathEqualTo("/bigquery/v2/projects/test-project/jobs"))
                .withRequestBody(
                        WireMock.matchingJsonPath("$.jobReference.location",
                                WireMock.equalTo("EU"))));
    }

    @Test
    void aProcessThatFindsItsTablesInPlaceRunsNoDdl() {
        destination.prepare(TICKETS);
        int ddl = fake.queries.size();

        // the next process: datasets.get, tables.list and tables.get find everything in place
        destination(500, 5_000_000).prepare(TICKETS);

        assertThat(fake.queries).hasSize(ddl);
        assertThat(fake.unknown).isEmpty();
    }

    @Test
    void aSyncStateMadeByAnOlderVersionGetsTheColumnsAddedSinceAndNothingElseIsCreated() {
        fake.datasets.put("freshdesk_test", new LinkedHashMap<>(Map.of(
                "_sync_state",
                new ArrayList<>(List.of("stream", "cursor", "boundary_keys", "_sync_run_id", "committed_at")),
                "_rejected", new ArrayList<>(List.of("stream", "reason")))));

        destination.prepare(TICKETS);

        assertThat(fake.statements("CREATE SCHEMA")).isEmpty();
        assertThat(fake.statements("CREATE TABLE")).extracting(sql -> sql.substring(0, sql.indexOf(" (")))
                .containsExactly("CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test.tickets_changes`",
                        "CREATE TABLE IF NOT EXISTS `test-project.freshdesk_test.tickets`");
        assertThat(fake.statements("ALTER")).containsExactly(
                "ALTER TABLE `test-project.freshdesk_test._sync_state` ADD COLUMN IF NOT EXISTS `merged_through` TIMESTAMP",
                "ALTER TABLE `test-project.freshdesk_test._sync_state` ADD COLUMN IF NOT EXISTS `written_through` TIMESTAMP",
                "ALTER TABLE `test-project.freshdesk_test._sync_state` ADD COLUMN IF NOT EXISTS `seen_ids_sha256` STRING");
    }

    @Test
    void writeStreamsTheRowsWithInsertIdsAndLeavesTheCurrentTableToTheMerge() {
        destination.prepare(TICKETS);
        fake.queries.clear();

        WriteResult result = destination.write(TICKETS,
                List.of(row(1, T0, "It's \\ broken"), row(2, T0.plusSeconds(1), "b")), "run-1");

        assertThat(fake.unknown).isEmpty();
        assertThat(result).isEqualTo(WriteResult.NONE);
        List<FakeBigQuery.Insert> inserts = fake.insertsInto("tickets_changes");
        assertThat(inserts).hasSize(1);
        assertThat(inserts.get(0).insertIds()).containsExactly("tickets:1:" + T0, "tickets:2:" + T0.plusSeconds(1));
        JsonNode first = inserts.get(0).rows().get(0);
        assertThat(first.get("id").asLong()).isEqualTo(1);
        assertThat(first.get("updated_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.get("subject").asText()).isEqualTo("It's \\ broken");
        assertThat(first.get("status").asInt()).isEqualTo(2);
        assertThat(first.get("group_id").asLong()).isEqualTo(67000000001L);
        assertThat(first.get("is_escalated").asBoolean()).isFalse();
        assertThat(first.get("due_by").asText()).isEqualTo("2025-01-01T01:00:00Z");
        assertThat(first.get("custom_fields").asText()).isEqualTo("{\"cf_plan\":\"gold\"}");
        assertThat(first.get("record").asText()).contains("\"subject\":\"It's \\\\ broken\"");
        assertThat(first.get("_sync_run_id").asText()).isEqualTo("run-1");
        assertThat(first.get("_insert_id").asText()).isEqualTo("tickets:1:" + T0);
        assertThat(first.get("_loaded_at").asText()).isNotBlank();
        // no DML per batch: the current table is written by the MERGE at the end of the run (and every N batches)
        assertThat(fake.queries).isEmpty();
        assertThat(fake.current).isEmpty();
    }

    @Test
    void mergeCurrentMergesTheHistoryLoadedSinceTheLastMergeAndRemembersHowFarItGot() {
        destination.prepare(TICKETS);
        destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1"));
        destination.write(TICKETS, List.of(row(1, T0, "a"), row(2, T0.plusSeconds(1), "b")), "run-1");
        Instant loaded1 = loadedAt(0);
        fake.queries.clear();

        assertThat(destination.mergeCurrent(TICKETS, "run-1")).isEqualTo(new WriteResult(2, 0, 0));

        String columns = "`id`, `updated_at`, `subject`, `status`, `group_id`, `is_escalated`, `due_by`, `custom_fields`,"
                + " `record`, `_loaded_at`, `_sync_run_id`";
        assertThat(fake.queries).containsExactly(
                "SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `merged_through`, 'UTC') AS `merged_through`"
                        + " FROM `test-project.freshdesk_test._sync_state` WHERE `stream` = 'tickets'",
                "SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', MAX(`_loaded_at`), 'UTC') AS `newest`"
                        + " FROM `test-project.freshdesk_test.tickets_changes` WHERE `_loaded_at` >= TIMESTAMP '1970-01-01T00:00:00Z'",
                "MERGE `test-project.freshdesk_test.tickets` T USING (SELECT " + columns
                        + " FROM `test-project.freshdesk_test.tickets_changes` WHERE `_loaded_at` >= TIMESTAMP '1970-01-01T00:00:00Z'"
                        + " AND `_loaded_at` <= TIMESTAMP '" + loaded1 + "'"
                        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY `id` ORDER BY `updated_at` DESC, `_loaded_at` DESC) = 1) S"
                        + " ON T.`id` = S.`id`"
                        + " WHEN MATCHED AND S.`updated_at` > T.`updated_at` THEN UPDATE SET `updated_at` = S.`updated_at`,"
                        + " `subject` = S.`subject`, `status` = S.`status`, `group_id` = S.`group_id`,"
                        + " `is_escalated` = S.`is_escalated`, `due_by` = S.`due_by`, `custom_fields` = S.`custom_fields`,"
                        + " `record` = S.`record`, `_loaded_at` = S.`_loaded_at`, `_sync_run_id` = S.`_sync_run_id`"
                        + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (S.`id`, S.`updated_at`, S.`subject`,"
                        + " S.`status`, S.`group_id`, S.`is_escalated`, S.`due_by`, S.`custom_fields`, S.`record`,"
                        + " S.`_loaded_at`, S.`_sync_run_id`)",
                "UPDATE `test-project.freshdesk_test._sync_state` SET `merged_through` = TIMESTAMP '" + loaded1 + "'"
                        + " WHERE `stream` = 'tickets'");
        assertThat(fake.current.get("tickets")).containsOnlyKeys(1L, 2L);
        assertThat(fake.mergedThrough).containsEntry("tickets", loaded1);

        // nothing new in the history: one cheap SELECT, no MERGE
        fake.queries.clear();
        assertThat(destination.mergeCurrent(TICKETS, "run-2")).isEqualTo(WriteResult.NONE);
        assertThat(fake.queries)
                .containsExactly("SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', MAX(`_loaded_at`), 'UTC')"
                        + " AS `newest` FROM `test-project.freshdesk_test.tickets_changes` WHERE `_loaded_at` >= TIMESTAMP '"
                        + loaded1.minus(BigQuerySettings.MERGE_LOOKBACK) + "'");

        // the same versions again change nothing; a newer version updates, a new id inserts
        destination.write(TICKETS, List.of(row(1, T0, "a"), row(2, T0.plusSeconds(1), "b")), "run-3");
        Instant loaded3 = loadedAt(1);
        assertThat(destination.mergeCurrent(TICKETS, "run-3")).isEqualTo(new WriteResult(0, 0, 2));
        destination.write(TICKETS, List.of(row(1, T0.plusSeconds(5), "a2"), row(3, T0, "c")), "run-4");
        Instant loaded4 = loadedAt(2);
        fake.queries.clear();
        assertThat(destination.mergeCurrent(TICKETS, "run-4")).isEqualTo(new WriteResult(1, 1, 0));
        assertThat(fake.statements("MERGE")).singleElement()
                .asString()
                .contains("WHERE `_loaded_at` >= TIMESTAMP '" + loaded3.minus(BigQuerySettings.MERGE_LOOKBACK) + "'"
                        + " AND `_loaded_at` <= TIMESTAMP '" + loaded4 + "'");
        assertThat(fake.current.get("tickets")).containsEntry(1L, T0.plusSeconds(5)).containsOnlyKeys(1L, 2L, 3L);
        assertThat(fake.currentRows.get("tickets").get(1L).get("subject").asText()).isEqualTo("a2");
        // the insertIds are the same on a re-send, so BigQuery's best-effort dedup can drop the copies
        assertThat(fake.insertsInto("tickets_changes").get(1).insertIds())
                .isEqualTo(fake.insertsInto("tickets_changes").get(0).insertIds());
    }

    @Test
    void aQuietRunOfANewProcessQueriesNoHistoryWhenTheCursorsRowSaysEveryWriteWasMerged() {
        destination.prepare(TICKETS);
        destination.write(TICKETS, List.of(row(1, T0, "a"), row(2, T0.plusSeconds(1), "b")), "run-1");
        Instant loaded1 = loadedAt(0);
        destination.saveState(new SyncState("tickets", T0.plusSeconds(1), Set.of(), "run-1"));
        assertThat(fake.state.get("tickets")[3]).as("written_through").isEqualTo(loaded1.toString());
        destination.mergeCurrent(TICKETS, "run-1");

        // the next process (a CronJob's next run) finds nothing new: its cursor's SELECT is its only query
        BigQueryProcess next = destination(500, 5_000_000);
        next.prepare(TICKETS);
        fake.queries.clear();
        assertThat(next.loadState("tickets")).isPresent();
        assertThat(next.mergeCurrent(TICKETS, "run-2")).isEqualTo(WriteResult.NONE);
        assertThat(fake.queries).singleElement().asString().startsWith("SELECT").contains("._sync_state`");

        // once it writes, its MERGE looks at the history again and takes the new row
        next.write(TICKETS, List.of(row(3, T0.plusSeconds(2), "c")), "run-2");
        assertThat(next.mergeCurrent(TICKETS, "run-2")).isEqualTo(new WriteResult(1, 0, 0));
        assertThat(fake.current.get("tickets")).containsOnlyKeys(1L, 2L, 3L);
    }

    @Test
    void theFingerprintOfAListsIdsIgnoresTheirOrderAndTellsOtherIdsApart() {
        StreamTable companies = new StreamTable("companies", List.of());
        String ids = SeenIdsChecks.fingerprint(new SeenIds(companies, new long[]{3, 1, 2}));

        assertThat(SeenIdsChecks.fingerprint(new SeenIds(companies, new long[]{1, 2, 3})))
                .isEqualTo(ids)
                .hasSize(64);
        assertThat(SeenIdsChecks.fingerprint(new SeenIds(companies, new long[]{1, 2})))
                .isNotEqualTo(ids);
        assertThat(SeenIdsChecks.fingerprint(new SeenIds(companies, new long[]{1, 23})))
                .isNotEqualTo(SeenIdsChecks.fingerprint(new SeenIds(companies, new long[]{12, 3})));
    }

    @Test
    void aStreamNeverCommittedQueriesNoHistoryUntilItWrites() {
        destination.prepare(TICKETS);
        fake.queries.clear();

        // no cursor commit yet (an empty list, say): no commit that wrote, and this process wrote nothing
        assertThat(destination.loadState("tickets")).isEmpty();
        assertThat(destination.mergeCurrent(TICKETS, "run-1")).isEqualTo(WriteResult.NONE);
        assertThat(fake.queries).singleElement().asString().startsWith("SELECT").contains("._sync_state`");

        destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1");
        assertThat(destination.mergeCurrent(TICKETS, "run-1")).isEqualTo(new WriteResult(1, 0, 0));
        assertThat(fake.current.get("tickets")).containsOnlyKeys(1L);
    }

    @Test
    void rowsWrittenAndCommittedThatNoMergeReachedAreMergedByTheNextProcessThoughItWritesNothing() {
        destination.prepare(TICKETS);
        destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1");
        destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1"));
        destination.mergeCurrent(TICKETS, "run-1");
        destination.write(TICKETS, List.of(row(2, T0.plusSeconds(1), "b")), "run-1");
        destination.saveState(new SyncState("tickets", T0.plusSeconds(1), Set.of(), "run-1"));
        // the run's last MERGE fails for good: its rows are in the history only
        fake.failNextJobs(100);
        assertThatThrownBy(() -> destination.mergeCurrent(TICKETS, "run-1")).isInstanceOf(DestinationException.class);
        fake.failNextJobs(0);

        // the next process writes nothing (nothing new in Freshdesk), but the cursor's row says a write went further
        BigQueryProcess next = destination(500, 5_000_000);
        assertThat(next.loadState("tickets")).isPresent();
        assertThat(next.mergeCurrent(TICKETS, "run-2")).isEqualTo(new WriteResult(1, 0, 0));
        assertThat(fake.current.get("tickets")).containsOnlyKeys(1L, 2L);
    }

    @Test
    void rowsAnEarlierProcessWroteButNeverMergedAreMergedByTheNextOne() {
        destination.prepare(TICKETS);
        destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1"));
        destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1");
        destination.mergeCurrent(TICKETS, "run-1");
        destination.write(TICKETS, List.of(row(2, T0, "b"), row(1, T0.plusSeconds(9), "a2")), "run-1");
        // the MERGE fails for good (BigQuery down): the rows stay in the history, the mark stays where it was
        Instant before = fake.mergedThrough.get("tickets");
        fake.failNextJobs(100);
        assertThatThrownBy(() -> destination.mergeCurrent(TICKETS, "run-1"))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("tickets");
        fake.failNextJobs(0);
        assertThat(fake.current.get("tickets")).containsOnlyKeys(1L);
        assertThat(fake.mergedThrough).containsEntry("tickets", before);

        // a new process (a restart) reads the mark from _sync_state and merges what was left
        BigQueryProcess restarted = destination(500, 5_000_000);
        assertThat(restarted.mergeCurrent(TICKETS, "run-2")).isEqualTo(new WriteResult(1, 1, 0));
        assertThat(fake.current.get("tickets")).containsEntry(1L, T0.plusSeconds(9)).containsOnlyKeys(1L, 2L);
        assertThat(fake.statements("MERGE `test-project.freshdesk_test.tickets` ")).last()
                .asString()
                .contains("WHERE `_loaded_at` >= TIMESTAMP '" + before.minus(BigQuerySettings.MERGE_LOOKBACK) + "'");
    }

    Instant loadedAt(int insert) {
        return Instant.parse(fake.insertsInto("tickets_changes").get(insert).rows().get(0).get("_loaded_at").asText());
    }

    @Test
    void batchesRespectTheRowAndByteLimits() {
        destination.prepare(TICKETS);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 1201; i++) {
            rows.add(row(i, T0.plusSeconds(i), "s" + i));
        }

        destination.write(TICKETS, rows, "run-1");

        assertThat(fake.insertsInto("tickets_changes")).extracting(i -> i.rows().size()).containsExactly(500, 500, 201);
        assertThat(fake.insertsInto("tickets_changes").stream().flatMap(i -> i.insertIds().stream()).distinct().count())
                .isEqualTo(1201);

        fake.reset();
        server.resetRequests();
        BigQueryProcess small = destination(500, 2_000);
        small.prepare(TICKETS);
        small.write(TICKETS, rows.subList(0, 10), "run-2");
        List<FakeBigQuery.Insert> inserts = fake.insertsInto("tickets_changes");
        assertThat(inserts.size()).isGreaterThan(1);
        assertThat(inserts.stream().mapToInt(i -> i.rows().size()).sum()).isEqualTo(10);
        server.getAllServeEvents()
                .stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/insertAll"))
                .forEach(e -> assertThat(e.getRequest().getBody().length).isLessThanOrEqualTo(2_000));
    }

    @Test
    void rowsBigQueryRefusesGoToRejectedAndTheOthersAreWritten() {
        destination.prepare(TICKETS);
        fake.refuseRows(r -> r.path("subject").asText().startsWith("BAD"));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(row(i, T0.plusSeconds(i), i == 3 || i == 8 ? "BAD" + i : "ok" + i));
        }

        WriteResult result = destination.write(TICKETS, rows, "run-1");

        assertThat(fake.insertsInto("tickets_changes")
                .stream()
                .flatMap(i -> i.rows().stream())
                .map(r -> r.get("id").asLong())).containsExactlyInAnyOrder(1L, 2L, 4L, 5L, 6L, 7L, 9L, 10L);
        List<FakeBigQuery.Insert> rejected = fake.insertsInto("_rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected).allSatisfy(i -> {
            JsonNode r = i.rows().get(0);
            assertThat(r.get("stream").asText()).isEqualTo("tickets");
            assertThat(r.get("reason").asText()).contains("invalid", "Bad value for subject");
            assertThat(r.get("_sync_run_id").asText()).isEqualTo("run-1");
            assertThat(i.insertIds().get(0)).startsWith("rejected:");
        });
        assertThat(rejected.stream().map(i -> i.rows().get(0).get("raw").asText()))
                .anySatisfy(raw -> assertThat(raw).contains("\"id\":3"))
                .anySatisfy(raw -> assertThat(raw).contains("\"id\":8"));
        // the two refused rows are counted as rejected
        assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 2));
        destination.saveState(new SyncState("tickets", T0.plusSeconds(10), Set.of(), "run-1"));
        assertThat(destination.mergeCurrent(TICKETS, "run-1")).isEqualTo(new WriteResult(8, 0, 0));
        assertThat(fake.current.get("tickets")).doesNotContainKeys(3L, 8L).hasSize(8);
    }

    @Test
    void transientFailuresAreRetriedWithBackoff() {
        destination.prepare(TICKETS);
        fake.failNextInserts(2, 503);
        destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1");
        server.verify(3, postRequestedFor(urlPathEqualTo(String.format(INSERT_ALL, "tickets_changes"))));
        assertThat(fake.insertsInto("tickets_changes")).hasSize(1);

        server.resetRequests();
        fake.transientRowErrorsNext(1);
        destination.write(TICKETS, List.of(row(2, T0, "b")), "run-1");
        server.verify(2, postRequestedFor(urlPathEqualTo(String.format(INSERT_ALL, "tickets_changes"))));
        assertThat(fake.insertsInto("_rejected")).isEmpty();

        server.resetRequests();
        fake.failNextJobs(1);
        destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1"));
        assertThat(fake.state).containsKey("tickets");
    }

    @Test
    void dmlThatLostARaceWithAnotherStatementIsRetried() {
        destination.prepare(TICKETS);
        fake.concurrentUpdateNextDml(2);

        destination.saveState(new SyncState("tickets", T0.plusSeconds(3), Set.of(), "run-1"));

        assertThat(fake.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(3).toString());
        server.verify(3, postRequestedFor(urlPathEqualTo("/bigquery/v2/projects/test-project/jobs"))
                .withRequestBody(WireMock.containing("MERGE")));
        // each attempt is a job of its own: BigQuery refuses a job id it has already seen (409 duplicate)
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/bigquery/v2/projects/test-project/jobs"))
                .withRequestBody(WireMock.containing("MERGE"))))
                .extracting(request -> Json.node(request.getBodyAsString())
                        .at("/jobReference/jobId")
                        .asText())
                .doesNotHaveDuplicates()
                .allSatisfy(job -> assertThat(job).startsWith("freshdesk_"));

        // a race that never ends is an error naming the table, after bigquery.retry.max-attempts (3 here)
        fake.concurrentUpdateNextDml(100);
        assertThatThrownBy(() -> destination.saveState(new SyncState("tickets", T0.plusSeconds(4), Set.of(), "run-1")))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("tickets", "_sync_state", "due to concurrent update");
        assertThat(fake.state.get("tickets")[0]).isEqualTo(T0.plusSeconds(3).toString());
    }

    @Test
    void aLastingFailureCostsExactlyMaxAttemptsCallsOneRetryLayerNotTwo() {
        destination.prepare(TICKETS);
        server.resetRequests();
        fake.failNextInserts(100, 503);
        assertThatThrownBy(() -> destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1"))
                .isInstanceOf(DestinationException.class);
        // bigquery.retry.max-attempts is 3 here: Camel's redelivery alone retries, the client does not as well
        server.verify(3, postRequestedFor(urlPathEqualTo(String.format(INSERT_ALL, "tickets_changes"))));

        server.resetRequests();
        fake.failNextJobs(100);
        assertThatThrownBy(() -> destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1")))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("tickets");
        server.verify(3, postRequestedFor(urlPathEqualTo("/bigquery/v2/projects/test-project/jobs")));
    }

    @Test
    void aBigQueryThatStaysDownFailsTheWriteInsteadOfRejectingRows() {
        destination.prepare(TICKETS);
        fake.failNextInserts(100, 503);
        assertThatThrownBy(() -> destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1"))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("tickets_changes");
        assertThat(fake.insertsInto("_rejected")).isEmpty();
        assertThat(fake.statements("MERGE")).isEmpty();

        fake.failNextInserts(0, 503);
        fake.transientRowErrorsNext(100);
        assertThatThrownBy(() -> destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1"))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("backendError");
        assertThat(fake.insertsInto("_rejected")).isEmpty();
    }

    @Test
    void theCursorIsKeptInSyncState() {
        assertThat(destination.loadState("tickets")).isEmpty();

        destination
                .saveState(new SyncState("tickets", T0.plusSeconds(10), Set.of("tickets/2@x", "tickets/1@x"), "run-1"));

        assertThat(fake.statements("MERGE `test-project.freshdesk_test._sync_state`")).containsExactly(
                "MERGE `test-project.freshdesk_test._sync_state` T USING (SELECT 'tickets' AS `stream`,"
                        + " TIMESTAMP '2025-01-01T00:00:10Z' AS `cursor`,"
                        + " PARSE_JSON('[\"tickets/1@x\",\"tickets/2@x\"]') AS `boundary_keys`, 'run-1' AS `_sync_run_id`,"
                        + " CURRENT_TIMESTAMP() AS `committed_at`, TIMESTAMP '1970-01-01T00:00:00Z' AS `written_through`) S"
                        + " ON T.`stream` = S.`stream`"
                        + " WHEN MATCHED THEN UPDATE SET `cursor` = S.`cursor`, `boundary_keys` = S.`boundary_keys`,"
                        + " `_sync_run_id` = S.`_sync_run_id`, `committed_at` = S.`committed_at`,"
                        + " `written_through` = GREATEST(S.`written_through`, COALESCE(T.`written_through`, S.`written_through`))"
                        + " WHEN NOT MATCHED THEN INSERT (`stream`, `cursor`, `boundary_keys`, `_sync_run_id`, `committed_at`,"
                        + " `written_through`) VALUES (S.`stream`, S.`cursor`, S.`boundary_keys`, S.`_sync_run_id`,"
                        + " S.`committed_at`, S.`written_through`)");
        // the values travel as query parameters, never in the statement's text
        FakeBigQuery.Statement merge = fake.statements.stream()
                .filter(st -> st.text().startsWith("MERGE"))
                .findFirst()
                .orElseThrow();
        assertThat(merge.text()).contains("SELECT @stream AS `stream`, CAST(@cursor AS TIMESTAMP) AS `cursor`,"
                + " PARSE_JSON(@boundary_keys) AS `boundary_keys`, NULLIF(@sync_run_id, '') AS `_sync_run_id`")
                .doesNotContain("tickets/1@x", "2025-01-01", "run-1");
        assertThat(merge.parameters()).containsEntry("stream", "tickets")
                .containsEntry("cursor", "2025-01-01T00:00:10Z")
                .containsEntry("boundary_keys", "[\"tickets/1@x\",\"tickets/2@x\"]")
                .containsEntry("sync_run_id", "run-1");
        assertThat(destination.loadState("tickets")).contains(
                new SyncState("tickets", T0.plusSeconds(10), Set.of("tickets/1@x", "tickets/2@x"), "run-1"));
        assertThat(fake.statements("SELECT")).last()
                .isEqualTo("SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ',"
                        + " `cursor`, 'UTC') AS `cursor`, TO_JSON_STRING(`boundary_keys`) AS `boundary_keys`,"
                        + " FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `merged_through`, 'UTC') AS `merged_through`,"
                        + " FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `written_through`, 'UTC') AS `written_through`, `seen_ids_sha256`,"
                        + " `_sync_run_id`"
                        + " FROM `test-project.freshdesk_test._sync_state` WHERE `stream` = 'tickets'");
        assertThat(fake.unknown).isEmpty();
    }

    @Test
    void aNewProcessReadsHowFarTheLastMergeReachedWithTheCursorNotInASelectOfItsOwn() {
        destination.prepare(TICKETS);
        destination.saveState(new SyncState("tickets", T0, Set.of(), "run-1"));
        destination.write(TICKETS, List.of(row(1, T0, "a")), "run-1");
        Instant loaded1 = loadedAt(0);
        destination.mergeCurrent(TICKETS, "run-1");
        assertThat(fake.mergedThrough).containsEntry("tickets", loaded1);

        // the next process (a CronJob's next run): the cursor's SELECT, then the run's first MERGE
        BigQueryProcess next = destination(500, 5_000_000);
        next.prepare(TICKETS);
        next.write(TICKETS, List.of(row(2, T0.plusSeconds(1), "b")), "run-2");
        fake.queries.clear();
        assertThat(next.loadState("tickets")).isPresent();
        assertThat(next.mergeCurrent(TICKETS, "run-2")).isEqualTo(new WriteResult(1, 0, 0));

        // one SELECT of _sync_state (the cursor's, with merged_through), none before the MERGE: a job less a run
        assertThat(fake.queries.stream().filter(q -> q.contains("_sync_state") && q.startsWith("SELECT")))
                .singleElement()
                .asString()
                .contains("AS `cursor`", "AS `merged_through`");
        // and the MERGE starts where the last one reached (less the lookback), not at the history's beginning
        assertThat(fake.statements("MERGE `test-project.freshdesk_test.tickets`")).singleElement()
                .asString()
                .contains("WHERE `_loaded_at` >= TIMESTAMP '" + loaded1.minus(BigQuerySettings.MERGE_LOOKBACK) + "'");
    }

    @Test
    void theCursorsOfEveryStreamAreReadInOneSelectAndEachRunTakesItsOwnOnce() {
        destination.saveState(new SyncState("tickets", T0.plusSeconds(10), Set.of("tickets/7@x"), "run-1"));
        destination.saveState(new SyncState("contacts", T0.plusSeconds(20), Set.of(), "run-1"));
        destination.saveState(new SyncState("agents", T0.plusSeconds(30), Set.of(), "run-1"));

        // the next process of sync.once: the cursors of the streams it runs (companies has none yet), then each run's
        BigQueryProcess next = destination(500, 5_000_000);
        fake.queries.clear();
        next.readStates(List.of("tickets", "contacts", "companies"));
        Optional<SyncState> tickets = next.loadState("tickets");
        Optional<SyncState> contacts = next.loadState("contacts");
        Optional<SyncState> companies = next.loadState("companies");

        assertThat(tickets).contains(new SyncState("tickets", T0.plusSeconds(10), Set.of("tickets/7@x"), "run-1"));
        assertThat(contacts).contains(new SyncState("contacts", T0.plusSeconds(20), Set.of(), "run-1"));
        assertThat(companies).isEmpty();
        assertThat(fake.queries.stream().filter(q -> q.contains("_sync_state"))).as("queries of _sync_state")
                .singleElement()
                .asString()
                .startsWith("SELECT `stream`,")
                .doesNotContain("WHERE");

        // a stream not read ahead, or asked again (its state may have moved since), gets a SELECT of its own
        next.saveState(new SyncState("tickets", T0.plusSeconds(40), Set.of(), "run-2"));
        assertThat(next.loadState("tickets")).map(SyncState::cursor).contains(T0.plusSeconds(40));
        assertThat(next.loadState("agents")).map(SyncState::cursor).contains(T0.plusSeconds(30));
        assertThat(fake.queries.stream().filter(q -> q.startsWith("SELECT") && q.contains("_sync_state"))).hasSize(3);
        assertThat(fake.unknown).isEmpty();
    }

    @Test
    void everyStreamsReadSelectsTheColumnsOfOneStreamsRead() throws IOException {
        // a run that takes its row from the read of every cursor must learn what its own SELECT would tell it
        String one = resource("bigquery/load-state.sql");
        String every = resource("bigquery/load-states.sql");
        assertThat(one).endsWith(" WHERE `stream` = @stream");
        assertThat(every)
                .isEqualTo(one.replaceFirst("^SELECT ", "SELECT `stream`, ").replace(" WHERE `stream` = @stream", ""));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BigQueryDestinationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aFailedReadOfEveryCursorNamesTheStreamsAndLeavesEachRunToReadItsOwn() {
        destination.saveState(new SyncState("tickets", T0.plusSeconds(10), Set.of(), "run-1"));
        BigQueryProcess next = destination(500, 5_000_000);
        next.prepare(TICKETS);
        // bigquery.retry.max-attempts is 3 here: every attempt fails
        fake.failNextJobs(3);

        assertThatThrownBy(() -> next.readStates(List.of("tickets", "contacts")))
                .isInstanceOf(DestinationException.class)
                .hasMessageStartingWith("Cannot read the cursors of streams tickets, contacts from BigQuery: ");

        assertThat(next.loadState("tickets")).map(SyncState::cursor).contains(T0.plusSeconds(10));
        assertThat(next.loadState("contacts")).isEmpty();
    }

    @Test
    void aRejectedRecordIsStreamedIntoRejected() {
        destination.reject(new RejectedRecord("contacts", "http://x/api/v2/contacts?page=2", "no id",
                "{\"name\":\"x\"}", "run-9"));

        JsonNode row = fake.insertsInto("_rejected").get(0).rows().get(0);
        assertThat(row.get("stream").asText()).isEqualTo("contacts");
        assertThat(row.get("page_url").asText()).isEqualTo("http://x/api/v2/contacts?page=2");
        assertThat(row.get("reason").asText()).isEqualTo("no id");
        assertThat(row.get("raw").asText()).isEqualTo("{\"name\":\"x\"}");
        assertThat(row.get("_sync_run_id").asText()).isEqualTo("run-9");
        assertThat(row.has("_insert_id")).isFalse();
    }

    @Test
    void describeNamesNoSecret() {
        assertThat(destination.describe()).isEqualTo(
                "bigquery:project test-project, dataset freshdesk_test, location EU, credentials none (bigquery.host set), host "
                        + server.baseUrl());
    }
}
