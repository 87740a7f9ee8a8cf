package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The streams beyond tickets, contacts, companies and the team, as the simulator serves them. */
class CatalogueTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withUnlimitedRate(), TestClock.atTenPastTheMinute(), new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    @Test
    void satisfactionRatingsAreFilteredByCreationTimeAndWithoutTheFilterOnlyTheLast30DaysCome() {
        List<Map<String, Object>> all = client.readAll("surveys/satisfaction_ratings", "created_since",
                "2000-01-01T00:00:00Z",
                "per_page", "100");
        assertThat(all).hasSize(SimulatorSettings.defaults().tickets() / 4);
        Instant since = simulator.now().minusSeconds(90L * 86_400);
        List<Map<String, Object>> recent = client.readAll("surveys/satisfaction_ratings", "created_since",
                since.toString(),
                "per_page", "100");
        assertThat(recent).isNotEmpty()
                .hasSizeLessThan(all.size())
                .allSatisfy(r -> assertThat(Instant.parse(r.get("created_at").toString())).isAfterOrEqualTo(since));
        // a rating changed after creation: updated_at moves, created_at does not, so created_since still finds it
        // only when it was created after the value
        Map<String, Object> rating = all.get(0);
        simulator.mutations().touch("satisfaction_ratings", ((Number) rating.get("id")).longValue());
        assertThat(client.readAll("surveys/satisfaction_ratings", "created_since", since.toString(), "per_page", "100"))
                .extracting(r -> r.get("id"))
                .doesNotContain(rating.get("id"));
        Instant thirtyDaysAgo = simulator.now().minusSeconds(30L * 86_400);
        assertThat(client.readAll("surveys/satisfaction_ratings", "per_page", "100"))
                .allSatisfy(
                        r -> assertThat(Instant.parse(r.get("created_at").toString())).isAfterOrEqualTo(thirtyDaysAgo));
    }

    @Test
    void everySettingsListIsServedAtItsPathWithIdsAndTimestampsButTheScenarioAutomationsWhichFreshdeskGivesNone() {
        for (SimStream stream : CatalogueRenderer.SETTINGS.keySet()) {
            SimResponse response = client.get(stream.path(), "per_page", "100");
            assertThat(response.status()).as(stream.path()).isEqualTo(200);
            assertThat(SimClient.records(response)).as(stream.path())
                    .hasSize(CatalogueRenderer.SETTINGS.get(stream))
                    .allSatisfy(r -> assertThat(r).containsKey("id"))
                    .allSatisfy(r -> assertThat(r.containsKey("updated_at")).as(stream.path())
                            .isEqualTo(stream != SimStream.SCENARIO_AUTOMATIONS)
                            .isEqualTo(r.containsKey("created_at")));
        }
        assertThat(SimClient.records(client.get("scenario_automations")))
                .allSatisfy(s -> assertThat(s).containsKeys("name", "description", "actions", "private"));
        assertThat(SimClient.records(client.get("ticket_fields", "per_page", "100"))).extracting(f -> f.get("name"))
                .contains("subject", "cf_region");
        assertThat(SimClient.records(client.get("time_entries", "per_page", "100"))).hasSize(100)
                .allSatisfy(entry -> assertThat(entry).containsKeys("ticket_id", "time_spent", "executed_at"));
    }

    @Test
    void theHelpdeskSettingsAreOneObjectWithoutIdOrTimestampsThatAChangeReplaces() {
        SimResponse response = client.get("settings/helpdesk");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Link")).isNull();
        Map<String, Object> settings = SimClient.object(response);
        assertThat(settings).containsOnlyKeys("primary_language", "supported_languages", "portal_languages",
                "help_widget_languages")
                .containsEntry("primary_language", "en")
                .isEqualTo(simulator.helpdeskSettings());

        // a change of the settings (their one record) shows in the next answer
        Set<Object> answers = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            simulator.mutations().updateRandom("helpdesk_settings", 1);
            answers.add(SimClient.object(client.get("settings/helpdesk")));
        }
        assertThat(answers).hasSizeGreaterThan(1);
    }

    @Test
    void theForumsAreServedCategoryByForumByTopicByCommentAndAForumHasNoTimestamps() {
        List<Map<String, Object>> categories = SimClient.records(client.get("discussions/categories"));
        assertThat(categories).hasSize(2)
                .allSatisfy(c -> assertThat(c).containsKeys("id", "name", "position", "created_at", "updated_at"));

        long category = ((Number) categories.get(0).get("id")).longValue();
        List<Map<String, Object>> forums = SimClient.records(client.get("discussions/categories/" + category
                + "/forums"));
        assertThat(forums).isNotEmpty()
                .allSatisfy(f -> assertThat(f).containsKeys("id", "name", "forum_category_id", "forum_type",
                        "forum_visibility", "topics_count").doesNotContainKeys("created_at", "updated_at"))
                .allSatisfy(f -> assertThat(((Number) f.get("forum_category_id")).longValue()).isEqualTo(category));

        Map<String, Object> forum = forums.get(0);
        long forumId = ((Number) forum.get("id")).longValue();
        List<Map<String, Object>> topics = SimClient.records(client.get("discussions/forums/" + forumId + "/topics"));
        assertThat(topics).hasSize((Integer) forum.get("topics_count"))
                .allSatisfy(t -> assertThat(((Number) t.get("forum_id")).longValue()).isEqualTo(forumId))
                .allSatisfy(t -> assertThat(t).containsKeys("title", "comments_count", "created_at", "updated_at"));

        Map<String, Object> topic = topics.get(0);
        long topicId = ((Number) topic.get("id")).longValue();
        List<Map<String, Object>> comments = SimClient.records(client.get("discussions/topics/" + topicId
                + "/comments", "per_page", "2"));
        assertThat(client.readAll("discussions/topics/" + topicId + "/comments", "per_page", "2"))
                .hasSize((Integer) topic.get("comments_count"))
                .allSatisfy(c -> assertThat(((Number) c.get("topic_id")).longValue()).isEqualTo(topicId))
                .allSatisfy(c -> assertThat(c).containsKeys("body_text", "user_id", "created_at", "updated_at"));
        assertThat(comments).isNotEmpty();

        // the snapshots hold every one of them; a topic or forum that does not exist answers 404
        assertThat(simulator.childSnapshot("discussion_topics")).extracting(t -> t.get("id")).contains(topic.get("id"));
        assertThat(simulator.childSnapshot("discussion_comments")).extracting(c -> c.get("topic_id"))
                .contains(topic.get("id"));
        assertThat(client.get("discussions/forums/" + (forumId + 99) + "/topics").status()).isEqualTo(404);
        assertThat(client.get("discussions/topics/" + (topicId + 9) + "/comments").status()).isEqualTo(404);
        assertThat(client.get("discussions/forums/1/topics").status()).isEqualTo(404);
    }
}
