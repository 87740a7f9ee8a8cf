package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.Map;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists whose records lack what a row is keyed by: scenario automations (no {@code updated_at}).
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class ScenariosForumsAndSettingsSyncTest extends SyncTestSupport {

    private void serve(String path, String json) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/" + path)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(json)));
    }

    private Instant updatedAt(String table, long id) {
        return instant(query("SELECT updated_at FROM " + table + " WHERE id = ?", id).get(0).get("updated_at"));
    }

    @Test
    void scenarioAutomationsWithoutUpdatedAtAreStampedWithTheTimeTheyWereReadAndEveryReadReplacesThem() {
        serve("scenario_automations", "[{\"id\":1,\"name\":\"Close as duplicate\",\"description\":\"\","
                + "\"actions\":[{\"name\":\"status\",\"value\":\"5\"}],\"private\":false},"
                + "{\"id\":2,\"name\":\"Escalate\",\"description\":\"To billing\",\"actions\":[],\"private\":true}]");
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        SyncOutcome first = sync("scenario_automations");

        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(first.message()).contains("2 inserted", "0 rejected");
        Instant stamped = updatedAt("scenario_automations", 1);
        assertThat(stamped).isBetween(before, Instant.now());
        assertThat(query("SELECT name, private, json_array_length(actions)::INTEGER AS actions,"
                + " json_extract_string(record, '$.updated_at') AS stamp FROM scenario_automations ORDER BY id"))
                .containsExactly(
                        Map.of("name", "Close as duplicate", "private", false, "actions", 1,
                                "stamp", stamped.toString()),
                        Map.of("name", "Escalate", "private", true, "actions", 0, "stamp", stamped.toString()));
        assertThat(cursor("scenario_automations")).isEqualTo(stamped);

        // automation 1 renamed, 2 deleted: the next read  replaces 1 and marks 2 as gone
        serve("scenario_automations", "[{\"id\":1,\"name\":\"Close as a duplicate\",\"description\":\"\","
                + "\"actions\":[],\"private\":false}]");
        SyncOutcome second = sync("scenario_automations");

        assertThat(second.message()).contains("0 inserted, 1 updated");
        assertThat(updatedAt("scenario_automations", 1)).isAfter(stamped);
        assertThat(query("SELECT id, name FROM scenario_automations WHERE _deleted_at IS NULL"))
                .containsExactly(Map.of("id", 1L, "name", "Close as a duplicate"));
        assertThat(count("SELECT count(*) FROM scenario_automations WHERE _deleted_at IS NOT NULL AND id = 2"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM _rejected")).isZero();
    }
}
