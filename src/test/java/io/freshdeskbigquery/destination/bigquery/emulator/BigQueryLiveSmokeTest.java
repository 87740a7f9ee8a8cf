package io.freshdeskbigquery.destination.bigquery.emulator;

import java.util.List;
import java.util.Map;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live smoke test: the built-in simulator synced into a throw-away dataset of a real BigQuery project, so
 * anyone with a sandbox project can prove the loader's SQL on the real service in a few minutes. It runs only when
 * {@code BIGQUERY_IT_PROJECT} is set (see docs/bigquery.md, "Proving it on your own project"); it is skipped, with
 * that reason, otherwise.
 */
@QuarkusTest
@TestProfile(BigQueryLiveSmokeTest.Live.class)
@EnabledIfEnvironmentVariable(named = LiveBigQuery.PROJECT, matches = ".+", disabledReason = "the live BigQuery smoke test runs only with BIGQUERY_IT_PROJECT set (and credentials: "
        + "BIGQUERY_IT_CREDENTIALS or Application Default Credentials); see docs/bigquery.md")
class BigQueryLiveSmokeTest extends SimulatorTestSupport {

    public static class Live implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(500, 100, 20);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LiveBigQuery.class));
        }
    }

    EmulatedBigQuery bigQuery;

    @Test
    void theSimulatorLandsInRealBigQueryAndASecondRunMergesItsChanges() {
        for (String stream : List.of("tickets", "contacts", "companies")) {
            SyncOutcome outcome = sync(stream);
            assertThat(outcome.status()).as(stream + ": " + outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:" + stream + "}")).as(stream)
                    .isEqualTo(simulator.snapshot(stream).size());
            assertThat(bigQuery.count("SELECT COUNT(DISTINCT `_insert_id`) FROM {t:" + stream + "_changes}")).as(stream)
                    .isEqualTo(simulator.snapshot(stream).size());
        }

        List<Long> updated = simulator.mutations().updateRandom("tickets", 5);
        SyncOutcome second = sync("tickets");

        // the MERGE replaced exactly those five rows with their new versions (dmlStats from the real service)
        assertThat(second.message()).contains("0 inserted, 5 updated");
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:tickets} WHERE `_sync_run_id` = '" + second.runId() + "'"))
                .isEqualTo(5);
        assertThat(bigQuery.query("SELECT `id` FROM {t:tickets} WHERE `_sync_run_id` = '" + second.runId() + "'"))
                .extracting(row -> Long.valueOf(row.get("id")))
                .containsExactlyInAnyOrderElementsOf(updated);
        assertThat(bigQuery.count("SELECT COUNT(*) FROM {t:_sync_state} WHERE `merged_through` IS NOT NULL"))
                .isEqualTo(3);
    }
}
