package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists whose records lack what a row is keyed by: scenario automations and discussion forums (no
 * {@code updated_at}), the helpdesk settings (one object, no id either); and the forums' chain of child lists, from
 * the categories down to each topic's comments.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class ScenariosForumsAndSettingsSyncTest extends SyncTestSupport {

    private static final List<String> DISCUSSIONS = List.of("discussion_categories", "discussion_forums",
            "discussion_topics", "discussion_comments");

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
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

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

    @Test
    void theHelpdeskSettingsAreOneObjectAskedWithoutPagingIntoATableOfOneRowThatANewReadReplaces() {
        serve("settings/helpdesk", "{\"primary_language\":\"en\",\"supported_languages\":[\"de\",\"fr\"],"
                + "\"portal_languages\":[\"de\"],\"help_widget_languages\":[]}");

        SyncOutcome first = sync("settings");

        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // no per_page, no page: one object is not a list
        wireMock.verify(1, getRequestedFor(urlEqualTo("/api/v2/settings/helpdesk")));
        assertThat(query("SELECT id, primary_language, supported_languages::VARCHAR AS supported,"
                + " portal_languages::VARCHAR AS portal FROM settings"))
                .containsExactly(Map.of("id", 1L, "primary_language", "en", "supported", "[\"de\",\"fr\"]",
                        "portal", "[\"de\"]"));

        serve("settings/helpdesk", "{\"primary_language\":\"en\",\"supported_languages\":[\"de\",\"fr\",\"ja-JP\"],"
                + "\"portal_languages\":[\"de\"],\"help_widget_languages\":[]}");
        SyncOutcome second = sync("settings");

        assertThat(second.message()).contains("0 inserted, 1 updated");
        assertThat(query("SELECT id, supported_languages::VARCHAR AS supported FROM settings"))
                .containsExactly(Map.of("id", 1L, "supported", "[\"de\",\"fr\",\"ja-JP\"]"));
        // the history keeps both reads; the row is never taken for gone
        assertThat(count("SELECT count(*) FROM settings_changes")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM settings WHERE _deleted_at IS NOT NULL")).isZero();
    }

    @Test
    void theForumsAreReadFromTheCategoriesDownToEveryTopicsCommentsAndAForumIsStampedWhenRead() {
        serve("discussions/categories", "[{\"id\":1,\"name\":\"Community\",\"position\":1,"
                + "\"created_at\":\"2024-01-01T00:00:00Z\",\"updated_at\":\"2024-02-01T00:00:00Z\"},"
                + "{\"id\":2,\"name\":\"Ideas\",\"position\":2,"
                + "\"created_at\":\"2024-01-01T00:00:00Z\",\"updated_at\":\"2024-01-01T00:00:00Z\"}]");
        // a forum has no timestamps
        serve("discussions/categories/1/forums", "[{\"id\":10,\"name\":\"How-to\",\"forum_category_id\":1,"
                + "\"forum_type\":1,\"forum_visibility\":1,\"topics_count\":2,\"comments_count\":3},"
                + "{\"id\":11,\"name\":\"Empty\",\"forum_category_id\":1,\"forum_type\":2,\"forum_visibility\":3,"
                + "\"topics_count\":0,\"comments_count\":0}]");
        serve("discussions/categories/2/forums", "[]");
        serve("discussions/forums/10/topics", "[" + topic(100, 10) + "," + topic(101, 10) + "]");
        serve("discussions/forums/11/topics", "[]");
        serve("discussions/topics/100/comments", "[" + comment(1000, 100) + "," + comment(1001, 100) + "]");
        serve("discussions/topics/101/comments", "[" + comment(1010, 101) + "]");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        for (String stream : DISCUSSIONS) {
            SyncOutcome outcome = sync(stream);
            assertThat(outcome.status()).as(stream + ": " + outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }

        assertThat(query("SELECT id, name FROM discussion_categories ORDER BY id")).extracting(row -> row.get("name"))
                .containsExactly("Community", "Ideas");
        assertThat(query("SELECT id, forum_category_id, forum_type, topics_count FROM discussion_forums ORDER BY id"))
                .containsExactly(Map.of("id", 10L, "forum_category_id", 1L, "forum_type", 1, "topics_count", 2),
                        Map.of("id", 11L, "forum_category_id", 1L, "forum_type", 2, "topics_count", 0));
        assertThat(updatedAt("discussion_forums", 10)).isBetween(before, Instant.now());
        assertThat(query("SELECT id, forum_id, title, sticky FROM discussion_topics ORDER BY id"))
                .containsExactly(Map.of("id", 100L, "forum_id", 10L, "title", "Topic 100", "sticky", true),
                        Map.of("id", 101L, "forum_id", 10L, "title", "Topic 101", "sticky", true));
        assertThat(updatedAt("discussion_topics", 100)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(query("SELECT id, topic_id, forum_id, body_text FROM discussion_comments ORDER BY id"))
                .extracting(row -> row.get("topic_id"))
                .containsExactly(100L, 100L, 101L);
        // every level's lists, once a run: the comments run read the categories, 2 forum lists, 2 topic lists and
        // 2 comment lists
        wireMock.verify(4, getRequestedFor(urlPathEqualTo("/api/v2/discussions/categories")));
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/api/v2/discussions/categories/1/forums")));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/discussions/forums/10/topics")));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/discussions/topics/101/comments")));
        assertThat(count("SELECT count(*) FROM _rejected")).isZero();

        // the next run: the forums are read again and replace the rows (no updated_at to tell a change)
        SyncOutcome again = sync("discussion_forums");
        assertThat(again.message()).contains("0 inserted, 2 updated");
        assertThat(count("SELECT count(*) FROM discussion_forums")).isEqualTo(2);
    }

    private static String topic(long id, long forum) {
        return "{\"id\":" + id + ",\"title\":\"Topic " + id + "\",\"forum_id\":" + forum + ",\"user_id\":7,"
                + "\"locked\":false,\"published\":true,\"stamp_type\":null,\"replied_by\":8,\"user_votes\":0,"
                + "\"merged_topic_id\":null,\"comments_count\":2,\"sticky\":true,"
                + "\"created_at\":\"2024-03-01T00:00:00Z\",\"updated_at\":\"2024-03-01T00:00:00Z\","
                + "\"replied_at\":\"2024-03-01T00:00:00Z\",\"hits\":12}";
    }

    private static String comment(long id, long topic) {
        return "{\"id\":" + id + ",\"topic_id\":" + topic + ",\"created_at\":\"2024-03-01T00:00:00Z\","
                + "\"updated_at\":\"2024-03-02T00:00:00Z\",\"user_id\":7,\"forum_id\":10,\"answer\":false,"
                + "\"published\":true,\"spam\":false,\"trash\":false,\"body\":\"<p>Hi</p>\",\"body_text\":\"Hi\"}";
    }

    @Test
    void anAccountWithoutForumsHasEachDiscussionStreamSkippedWithAWarningThatSaysWhatItTakes() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/discussions/categories")).atPriority(1)
                .willReturn(aResponse().withStatus(403)
                        .withBody(
                                "{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this action.\"}")));

        for (String stream : DISCUSSIONS) {
            SyncOutcome outcome = sync(stream);
            assertThat(outcome.status()).as(stream).isEqualTo(SyncOutcome.Status.SKIPPED);
            assertThat(outcome.message()).as(stream)
                    .contains("HTTP 403", "discussions/categories",
                            "it needs community forums (discussions) on the plan", "stream skipped");
        }

        // a plan that has no such list at all answers 404: skipped too
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/discussions/categories")).atPriority(1)
                .willReturn(aResponse().withStatus(404)));
        SyncOutcome topics = sync("discussion_topics");
        assertThat(topics.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(topics.message()).contains("HTTP 404", "not available on the account");
        // and a plan with the categories but not the forums' topics: the stream that reads them is skipped
        serve("discussions/categories", "[{\"id\":1,\"name\":\"Community\",\"updated_at\":\"2024-01-01T00:00:00Z\"}]");
        serve("discussions/categories/1/forums", "[{\"id\":10,\"name\":\"How-to\"}]");
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/discussions/forums/10/topics")).atPriority(1)
                .willReturn(aResponse().withStatus(403)));
        assertThat(sync("discussion_forums").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        SyncOutcome forbidden = sync("discussion_topics");
        assertThat(forbidden.status()).isEqualTo(SyncOutcome.Status.SKIPPED);
        assertThat(forbidden.message()).contains("HTTP 403", "discussion_forums 10");
    }
}
