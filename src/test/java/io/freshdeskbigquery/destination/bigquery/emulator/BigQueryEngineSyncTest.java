package io.freshdeskbigquery.destination.bigquery.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.destination.bigquery.BigQueryConfig;
import io.freshdeskbigquery.destination.bigquery.BigQueryProcess;
import io.freshdeskbigquery.destination.bigquery.BigQuerySettings;
import io.freshdeskbigquery.destination.bigquery.BigQuerySql;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real sync (the built-in simulator as Freshdesk, the BigQuery destination) against an independent
 * BigQuery engine, the emulator: every statement the destination sends runs on an engine the project did not
 * write. The dataset starts with a {@code _sync_state} as an older version left it (no {@code merged_through})
 * and grown by a column of the operator's own, which the cursor commit must take.
 * The methods build on each other (one dataset, one simulated account), in order.
 */
@QuarkusTest
@TestProfile(BigQueryEngineSyncTest.Engine.class)
@RequiresBigQueryEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigQueryEngineSyncTest extends SimulatorTestSupport {

    public static class Engine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(1200, 300, 60, Map.of(
                    "freshdesk.retry.max-attempts", "2",
                    "freshdesk.retry.initial-delay", "10",
                    "freshdesk.retry.max-delay", "20",
                    "simulator.mutations.every-requests", "3",
                    "simulator.mutations.updates", "5",
                    "simulator.mutations.creates", "2",
                    "bigquery.merge.every-batches", "4",
                    "sync.streams",
                    String.join(",", STREAMS) + "," + String.join(",", WITHOUT_UPDATED_AT_OR_CHILDREN)));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BigQueryEmulator.class, Map.of(
                    BigQueryEmulator.DATASET, "freshdesk_engine",
                    BigQueryEmulator.PRE_CREATE, "CREATE SCHEMA {dataset};;"
                            + "CREATE TABLE {dataset}.`_sync_state` (`stream` STRING NOT NULL, `cursor` TIMESTAMP NOT NULL,"
                            + " `boundary_keys` JSON NOT NULL, `_sync_run_id` STRING, `committed_at` TIMESTAMP NOT NULL,"
                            + " `operator_note` STRING);;"
                            // a tickets table as an early version made it: the loader adds the columns since
                            + "CREATE TABLE {dataset}.`tickets` (`id` INT64 NOT NULL, `updated_at` TIMESTAMP NOT NULL,"
                            + " `subject` STRING, `status` INT64, `record` JSON NOT NULL, `_loaded_at` TIMESTAMP NOT NULL,"
                            + " `_sync_run_id` STRING NOT NULL) CLUSTER BY `id`")));
        }
    }

    static final List<String> STREAMS = List.of("tickets", "contacts", "companies", "agents", "groups", "roles",
            "satisfaction_ratings", "time_entries", "skills", "ticket_fields");

    /** Lists Freshdesk serves without updated_at (stamped when read) or as one object, and the forums' chain. */
    static final List<String> WITHOUT_UPDATED_AT_OR_CHILDREN = List.of("scenario_automations", "settings",
            "discussion_categories", "discussion_forums", "discussion_topics", "discussion_comments");

    EmulatedBigQuery bigQuery;

    @Inject
    BigQueryConfig bigQueryConfig;
    @Inject
    SyncSettings settings;

    @Test
    @Order(0)
    void listsWithoutUpdatedAtAndTheForumsChainLandOnTheEngineAndAReadReplacesWhatItStamped() throws Exception {
        for (String stream : WITHOUT_UPDATED_AT_OR_CHILDREN) {
            SyncOutcome outcome = sync(stream);
            assertThat(outcome.status()).as(stream + ": " + outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }
        // the helpdesk settings, one object: a table of one row (id 1), which the next read replaces (the emulator's
        // dmlStats do not tell inserted from updated rows: the table says it)
        assertThat(bigQuery.query("SELECT `id`, `primary_language` FROM {t:settings}"))
                .containsExactly(Map.of("id", "1", "primary_language", "en"));
        Instant firstRead = stamps("settings").get(1L);
        simulator.mutations().updateRandom("helpdesk_settings", 1);
        assertThat(sync("settings").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(current("settings")).containsOnlyKeys(1L);
        assertThat(stamps("settings").get(1L)).isAfter(firstRead);
        assertThat(bigQuery.query("SELECT TO_JSON_STRING(`supported_languages`) AS `supported` FROM {t:settings}"))
                .containsExactly(Map.of("supported", new ObjectMapper()
                        .writeValueAsString(simulator.helpdeskSettings().get("supported_languages"))));
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:settings_changes}")).isEqualTo(2);
        // scenario automations and forums, stamped when read: the simulator's ids, each once
        assertThat(current("scenario_automations").keySet())
                .isEqualTo(ids(simulator.snapshot("scenario_automations")));
        assertThat(current("discussion_forums").keySet()).isEqualTo(ids(simulator.childSnapshot("discussion_forums")));
        // the categories, topics and comments carry updated_at: the current tables equal the source
        assertThat(current("discussion_categories")).isEqualTo(source("discussion_categories"));
        for (String child : List.of("discussion_topics", "discussion_comments")) {
            Map<Long, Instant> records = new HashMap<>();
            simulator.childSnapshot(child)
                    .forEach(r -> records.put(((Number) r.get("id")).longValue(),
                            Instant.parse(r.get("updated_at").toString())));
            assertThat(current(child)).as(child).isEqualTo(records).isNotEmpty();
        }
        // the forums read again: every one replaced by the later read, still once each
        Map<Long, Instant> forums = stamps("discussion_forums");
        assertThat(sync("discussion_forums").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(stamps("discussion_forums")).hasSameSizeAs(forums)
                .allSatisfy((id, stamp) -> assertThat(stamp).as("forum " + id).isAfter(forums.get(id)));
    }

    /** The current table's {@code updated_at} to the millisecond (a stamp of the loader's): id to it. */
    Map<Long, Instant> stamps(String stream) {
        Map<Long, Instant> rows = new HashMap<>();
        for (Map<String, String> row : bigQuery
                .query("SELECT `id`, UNIX_MILLIS(`updated_at`) AS `updated_at` FROM {t:" + stream + "}")) {
            rows.put(Long.valueOf(row.get("id")), Instant.ofEpochMilli(Long.parseLong(row.get("updated_at"))));
        }
        return rows;
    }

    static Set<Long> ids(List<Map<String, Object>> records) {
        Set<Long> ids = new HashSet<>();
        records.forEach(r -> ids.add(((Number) r.get("id")).longValue()));
        return ids;
    }

    @Test
    @Order(1)
    void aMovingListSettlesIntoCurrentTablesEqualToTheSource() {
        for (String stream : STREAMS) {
            SyncOutcome outcome = sync(stream);
            assertThat(outcome.status()).as(stream + ": " + outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }
        assertThat(simulator.mutations().batches()).as("records changed while the sync ran").isPositive();

        // records changed after a stream's last page are caught by the next run
        simulator.mutations().off();
        for (String stream : STREAMS) {
            assertThat(sync(stream).status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            assertThat(current(stream)).as(stream).isEqualTo(source(stream));
            assertThat(cursor(stream)).as(stream + " cursor").isEqualTo(newestInSource(stream));
            // each version streamed into the history once: the boundary second's records are not sent again
            assertThat(bigQuery.count("SELECT COUNT(*) - COUNT(DISTINCT `_insert_id`) FROM {t:" + stream + "_changes}"))
                    .as(stream + " history rows sent twice")
                    .isZero();
        }
        // the older tickets table got the columns added since (deletions among them), in place
        assertThat(bigQuery
                .count("SELECT COUNT(*) FROM {t:tickets} WHERE `_deleted_at` IS NULL AND `priority` IS NOT NULL"))
                .isEqualTo(source("tickets").size());
        // a company deleted in Freshdesk is missing from the next complete read: its row is marked, and cleared when
        // it is back; the count runs as a query, the UPDATE only when a row changes
        long company = ((Number) simulator.snapshot("companies").get(4).get("id")).longValue();
        simulator.mutations().delete("companies", company);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery
                .count("SELECT COUNT(*) FROM {t:companies} WHERE `_deleted_at` IS NOT NULL AND `id` = " + company))
                .isEqualTo(1);
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:companies} WHERE `_deleted_at` IS NOT NULL")).isEqualTo(1);
        simulator.mutations().restore("companies", company);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:companies} WHERE `_deleted_at` IS NOT NULL")).isZero();
        assertThat(current("companies")).isEqualTo(source("companies"));
        // read again with the same ids: the fingerprint of the ids last checked (in _sync_state) says nothing is gone
        // or back, so no count; then a company gone again is counted and marked as the first time
        int jobsBefore = jobs().size();
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(jobs().subList(jobsBefore, jobs().size())).as("jobs of a quiet run of a list read whole")
                .singleElement()
                .asString()
                .contains("_sync_state");
        simulator.mutations().delete("companies", company);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery
                .count("SELECT COUNT(*) FROM {t:companies} WHERE `_deleted_at` IS NOT NULL AND `id` = " + company))
                .isEqualTo(1);
        simulator.mutations().restore("companies", company);
        assertThat(sync("companies").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:companies} WHERE `_deleted_at` IS NOT NULL")).isZero();
        // ticket_fields made the view with a typed column per custom field, on the engine
        assertThat(bigQuery.count(
                "SELECT COUNT(*) FROM {t:tickets_with_custom_fields} WHERE `cf_region` IN ('EMEA', 'APAC', 'AMER')"))
                .isPositive();
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:tickets_with_custom_fields} WHERE `cf_contract_seats` > 0"))
                .isPositive();
        // the older _sync_state got merged_through, and kept the operator's own column
        // (the forums' child streams keep no cursor: they read every parent every run; the deletion lists that come
        // with tickets and contacts are not synced here)
        assertThat(bigQuery.query("SELECT `stream`, `merged_through`, `operator_note` FROM {t:_sync_state}"))
                .hasSize((int) settings.streams()
                        .stream()
                        .filter(stream -> stream.parent().isEmpty() && stream.into().isEmpty())
                        .count())
                .allSatisfy(row -> assertThat(row.get("merged_through")).isNotNull());
        // and written_through, which the cursor commits keep: every write was merged, so none is past merged_through
        assertThat(bigQuery.query("SELECT `stream` FROM {t:_sync_state} WHERE `written_through` IS NULL"
                + " OR `written_through` > `merged_through`")).isEmpty();
    }

    @Test
    @Order(2)
    void aSecondRunLoadsOnlyTheChangesEachOnceEvenWhenABulkActionFillsMoreThanAPageInOneSecond() {
        // a bulk action: 150 tickets updated in one second, then tickets created in three later seconds; the loader
        // pages through the bulk second by offset and reads its pages once more, so the records after it on its
        // last page are met twice
        simulator.mutations().updateRandom("tickets", 150);
        for (int i = 0; i < 3; i++) {
            simulator.mutations().create("tickets", 2);
        }

        SyncOutcome second = sync("tickets");

        assertThat(second.status()).as(second.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(bigQuery.query("SELECT COUNT(*) AS `rows`, COUNT(DISTINCT `_insert_id`) AS `versions`"
                + " FROM {t:tickets_changes} WHERE `_sync_run_id` = '" + second.runId() + "'"))
                .containsExactly(Map.of("rows", "156", "versions", "156"));
        assertThat(current("tickets")).isEqualTo(source("tickets"));
    }

    @Test
    @Order(3)
    void aQuietRunRunsNoDmlAndNoDdl() {
        int jobsBefore = jobs().size();

        SyncOutcome quiet = sync("contacts");

        assertThat(quiet.status()).as(quiet.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(quiet.message()).contains("0 inserted, 0 updated");
        // the cursor is read, and that is all: its row says no write went past the last MERGE (no look at the
        // history, no MERGE); no cursor commit, no CREATE
        List<String> quietJobs = jobs().subList(jobsBefore, jobs().size());
        assertThat(quietJobs).as("BigQuery jobs of a quiet run")
                .singleElement()
                .asString()
                .startsWith("SELECT")
                .contains("_sync_state");
    }

    @Test
    @Order(4)
    void aRestartedProcessFindsItsTablesAndRunsNoDdl() {
        int jobsBefore = jobs().size();

        // what a new process does before its first page: the dataset's tables, then a stream's tables and cursor
        try (BigQueryProcess restarted = new BigQueryProcess(BigQuerySettings.from(bigQueryConfig))) {
            for (FreshdeskStream stream : settings.streams()) {
                restarted.prepare(stream.table());
            }
            assertThat(restarted.loadState("tickets")).isPresent();
            // its first merge, nothing new since the last one: it knows how far that reached from the cursor's row
            assertThat(restarted.mergeCurrent(FreshdeskCatalogue.TICKETS.table(), "restarted"))
                    .isEqualTo(WriteResult.NONE);
        }

        List<String> restartedJobs = jobs().subList(jobsBefore, jobs().size());
        assertThat(restartedJobs).as("BigQuery jobs of a restarted process")
                .noneSatisfy(sql -> assertThat(sql).containsAnyOf("CREATE", "ALTER"));
        // one SELECT of _sync_state (the cursor, with merged_through and written_through), no SELECT of merged_through
        // alone, no look at the history and no MERGE: written_through is not newer than merged_through as this engine
        // read them back
        assertThat(restartedJobs).as("BigQuery jobs of a restarted process")
                .filteredOn(sql -> sql.contains("_sync_state"))
                .singleElement()
                .asString()
                .contains("AS `cursor`", "AS `merged_through`", "AS `written_through`");
        assertThat(restartedJobs).noneSatisfy(sql -> assertThat(sql).contains("_changes"));
        assertThat(restartedJobs).noneSatisfy(sql -> assertThat(sql).startsWith("MERGE"));
    }

    @Test
    @Order(5)
    void aSyncOnceProcessReadsEveryStreamsCursorInOneQueryAndEachRunGetsWhatItsOwnSelectWouldRead() {
        List<String> streams = new ArrayList<>(STREAMS);
        streams.add("never_synced");
        Map<String, Optional<SyncState>> oneByOne = new LinkedHashMap<>();
        try (BigQueryProcess restarted = new BigQueryProcess(BigQuerySettings.from(bigQueryConfig))) {
            streams.forEach(stream -> oneByOne.put(stream, restarted.loadState(stream)));
        }
        int jobsBefore = jobs().size();

        Map<String, Optional<SyncState>> readAhead = new LinkedHashMap<>();
        try (BigQueryProcess once = new BigQueryProcess(BigQuerySettings.from(bigQueryConfig))) {
            once.readStates(streams);
            streams.forEach(stream -> readAhead.put(stream, once.loadState(stream)));
        }

        // the same states, boundary keys and merged_through's effect included, from one job instead of eleven
        assertThat(readAhead).isEqualTo(oneByOne);
        assertThat(oneByOne).hasSize(STREAMS.size() + 1)
                .allSatisfy((stream, state) -> assertThat(state.isPresent()).as(stream)
                        .isEqualTo(!stream.equals("never_synced")));
        List<String> onceJobs = jobs().subList(jobsBefore, jobs().size());
        assertThat(onceJobs).as("BigQuery jobs of a sync.once process reading its cursors")
                .singleElement()
                .asString()
                .startsWith("SELECT `stream`,")
                .contains("_sync_state");
    }

    @Test
    @Order(6)
    void aRunKilledHalfwayResumesWithNothingLost() {
        simulator.mutations().updateRandom("tickets", 150);
        simulator.mutations().create("tickets", 250);
        // the run gets three pages (one MERGE in between, bigquery.merge.every-batches=4 is not reached), then
        // Freshdesk fails for good: the run dies with rows in the history that the current table has not seen
        simulator.faults().on("tickets").slowResponse(3, Duration.ZERO).serverErrors(20, 503);

        SyncOutcome died = sync("tickets");

        assertThat(died.status()).isEqualTo(SyncOutcome.Status.FAILED);
        simulator.faults().clear();
        assertThat(current("tickets")).isNotEqualTo(source("tickets"));
        // and as if the process had been killed between its last insertAll and the cursor commit: the cursor is
        // set back to where an earlier commit left it, so the next run reads those pages again
        bigQuery.execute("UPDATE {t:_sync_state} SET `cursor` = TIMESTAMP_SUB(`cursor`, INTERVAL 1 DAY)"
                + " WHERE `stream` = 'tickets'");

        SyncOutcome resumed = sync("tickets");

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(current("tickets")).isEqualTo(source("tickets"));
        assertThat(cursor("tickets")).isEqualTo(newestInSource("tickets"));
        // every version of the source is in the history
        assertThat(bigQuery.count("SELECT COUNT(*) FROM (SELECT DISTINCT `id`, `updated_at` FROM {t:tickets_changes}"
                + " WHERE `updated_at` >= (SELECT MIN(`updated_at`) FROM {t:tickets}))")).isPositive();
    }

    Instant newestInSource(String stream) {
        return source(stream).values().stream().max(Instant::compareTo).orElseThrow();
    }

    @Test
    @Order(7)
    void aStatementTheEngineRefusesFailsTheRunWithTheEnginesOwnErrorAndTheStatement() {
        // someone replaced the current groups table with one the MERGE cannot write (id as text)
        bigQuery.execute("DROP TABLE {t:groups}");
        bigQuery.execute("CREATE TABLE {t:groups} (`id` STRING, `updated_at` STRING)");
        simulator.mutations().updateRandom("groups", 1);

        SyncOutcome failed = sync("groups");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        // the job's own error, as the engine gave it, not "404 Not found: job"; and which statement it was
        assertThat(failed.message()).contains("MERGE", "groups_changes", "the next MERGE takes them", "invalidQuery")
                .containsIgnoringCase("error")
                .doesNotContain("Not found: job");

        // put the table back as the loader makes it: the next run's MERGE takes what the failed one left
        bigQuery.execute("DROP TABLE {t:groups}");
        bigQuery.execute(new BigQuerySql(BigQueryEmulator.PROJECT,
                bigQuery.dataset()).createCurrent(FreshdeskCatalogue.GROUPS.table()));
        simulator.mutations().updateRandom("groups", 1);
        assertThat(sync("groups").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(current("groups")).isEqualTo(source("groups"));
    }

    /** The current table on the engine: id to updated_at. */
    Map<Long, Instant> current(String stream) {
        Map<Long, Instant> rows = new HashMap<>();
        for (Map<String, String> row : bigQuery
                .query("SELECT `id`, FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', `updated_at`)"
                        + " AS `updated_at` FROM {t:" + stream + "}")) {
            Long id = Long.valueOf(row.get("id"));
            assertThat(rows.put(id, Instant.parse(row.get("updated_at")))).as(stream + " id " + id + " twice").isNull();
        }
        return rows;
    }

    Instant cursor(String stream) {
        return Instant.parse(bigQuery.query("SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', `cursor`) AS `cursor`"
                + " FROM {t:_sync_state} WHERE `stream` = '" + stream + "'").get(0).get("cursor"));
    }

    /** The statements of every job the engine ran, oldest first. */
    List<String> jobs() {
        List<Job> jobs = new ArrayList<>();
        // one big page: the emulator lists at most maxResults jobs (default 100) and has no page tokens
        bigQuery.client()
                .listJobs(BigQuery.JobListOption.pageSize(1_000_000))
                .iterateAll()
                .forEach(jobs::add);
        jobs.sort(Comparator.comparing(job -> job.getStatistics().getCreationTime()));
        return jobs.stream()
                .map(job -> job.getConfiguration() instanceof QueryJobConfiguration q
                        ? q.getQuery()
                        : String.valueOf(job.getConfiguration()))
                .toList();
    }
}
