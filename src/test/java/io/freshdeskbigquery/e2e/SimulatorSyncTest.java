package io.freshdeskbigquery.e2e;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over HTTP: the built-in simulator (served by the app itself) is synced into DuckDB while it
 * changes records, then the destination must equal the simulator's data exactly; a second run loads only
 * what changed.
 */
@QuarkusTest
@TestProfile(SimulatorSyncTest.Simulated.class)
class SimulatorSyncTest extends SimulatorTestSupport {

    public static class Simulated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(3000, 800, 150, Map.of(
                    "simulator.mutations.every-requests", "4",
                    "simulator.mutations.updates", "5",
                    "simulator.mutations.creates", "2",
                    "simulator.mutations.deletes", "0",
                    "sync.streams", "all",
                    "sync.tickets.include", "description",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb"));
        }
    }

    /** A child list's records in the simulator: id to updated_at. */
    Map<Long, Instant> childSource(String child) {
        Map<Long, Instant> records = new HashMap<>();
        simulator.childSnapshot(child)
                .forEach(r -> records.put(((Number) r.get("id")).longValue(),
                        Instant.parse(r.get("updated_at").toString())));
        return records;
    }

    /** The simulator's conversations of live tickets: id to text (an edit changes the text). */
    Map<Long, String> sourceConversations() {
        Map<Long, String> conversations = new HashMap<>();
        simulator.conversationsSnapshot()
                .forEach(c -> conversations.put(((Number) c.get("id")).longValue(), (String) c.get("body_text")));
        return conversations;
    }

    Map<Long, String> loadedConversations() {
        Map<Long, String> conversations = new HashMap<>();
        // the conversations of a deleted or spam ticket stay in the table: its ticket's row says it is gone
        db().query("SELECT c.id, c.body_text FROM conversations c LEFT JOIN tickets t ON t.id = c.ticket_id"
                + " WHERE t._deleted_at IS NULL")
                .forEach(row -> conversations.put((Long) row.get("id"), (String) row.get("body_text")));
        return conversations;
    }

    /**
     * Every stream of the catalogue with a table of its own, but the child streams, those Freshdesk serves without
     * updated_at (compared on their own) and the daily export of ticket activities ({@code TicketActivitiesSimulatorTest}).
     */
    static final List<String> STREAMS = FreshdeskCatalogue.values()
            .stream()
            .filter(stream -> stream.parent().isEmpty() && stream.table().currentTable().equals(stream.streamName())
                    && !stream.stampedWhenRead() && !stream.dailyExport())
            .map(FreshdeskStream::streamName)
            .toList();

    /** A field of each record of a stream in the simulator: id to value. */
    Map<Long, Object> sourceField(String stream, String field) {
        Map<Long, Object> values = new HashMap<>();
        simulator.snapshot(stream).forEach(r -> values.put(((Number) r.get("id")).longValue(), r.get(field)));
        return values;
    }

    /** A column of the live rows of a table: id to value. */
    Map<Long, Object> loadedColumn(String table, String column) {
        Map<Long, Object> values = new HashMap<>();
        db().query("SELECT id, " + column + " FROM " + table + " WHERE _deleted_at IS NULL")
                .forEach(row -> values.put((Long) row.get("id"), row.get(column)));
        return values;
    }

    /** The ids of a table's rows flagged deleted (or spam). */
    Set<Long> flagged(String table) {
        Set<Long> ids = new HashSet<>();
        db().query("SELECT id FROM " + table + " WHERE _deleted_at IS NOT NULL")
                .forEach(row -> ids.add((Long) row.get("id")));
        return ids;
    }

    @Test
    void theDestinationEqualsTheSimulatorAndASecondRunLoadsOnlyChanges() throws Exception {
        for (String stream : STREAMS) {
            assertThat(sync(stream).status()).as(stream).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }
        assertThat(simulator.mutations().batches()).as("records changed while the sync ran").isPositive();

        // records changed after a stream's last page are caught by the next run
        simulator.mutations().off();
        for (String stream : STREAMS) {
            sync(stream);
            assertThat(loaded(stream)).as(stream).isEqualTo(source(stream));
        }

        // asked for (sync.tickets.include), the list brings each ticket's description
        Map<Long, Object> descriptions = new HashMap<>();
        simulator.snapshot("tickets", Set.of("description"))
                .forEach(t -> descriptions.put(((Number) t.get("id")).longValue(), t.get("description_text")));
        Map<Long, Object> loadedDescriptions = new HashMap<>();
        db().query("SELECT id, description_text FROM tickets")
                .forEach(row -> loadedDescriptions.put((Long) row.get("id"), row.get("description_text")));
        assertThat(loadedDescriptions).isEqualTo(descriptions).doesNotContainValue(null);

        // the child lists of settings: every folder's canned responses, every category's folders, every run; the
        // forums' topics and comments likewise
        for (String child : List.of("canned_responses", "solution_folders", "solution_articles", "discussion_topics",
                "discussion_comments")) {
            assertThat(sync(child).status()).as(child).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            assertThat(loaded(child)).as(child).isEqualTo(childSource(child)).isNotEmpty();
        }
        // a forum has no updated_at: stamped when read, the table holds the forums of every category as last read
        assertThat(sync("discussion_forums").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        Map<Long, Object> forums = new HashMap<>();
        simulator.childSnapshot("discussion_forums")
                .forEach(f -> forums.put(((Number) f.get("id")).longValue(), f.get("topics_count")));
        Map<Long, Object> loadedForums = new HashMap<>();
        db().query("SELECT id, topics_count FROM discussion_forums")
                .forEach(row -> loadedForums.put((Long) row.get("id"), row.get("topics_count")));
        assertThat(loadedForums).isEqualTo(forums).isNotEmpty();
        long folder = ((Number) simulator.snapshot("canned_response_folders").get(1).get("id")).longValue();
        simulator.mutations().touch("canned_response_folders", folder);
        SyncOutcome responses = sync("canned_responses");
        assertThat(responses.message()).contains("0 inserted").doesNotContain(" 0 updated");
        assertThat(loaded("canned_responses")).isEqualTo(childSource("canned_responses"));

        // scenario automations have no updated_at: each read is stamped, and the last read is the table
        assertThat(sync("scenario_automations").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(loadedColumn("scenario_automations", "name")).isEqualTo(sourceField("scenario_automations", "name"));
        long automation = ((Number) simulator.snapshot("scenario_automations").get(2).get("id")).longValue();
        simulator.mutations().touch("scenario_automations", automation);
        simulator.mutations()
                .delete("scenario_automations",
                        ((Number) simulator.snapshot("scenario_automations").get(0).get("id")).longValue());
        Object description = sourceField("scenario_automations", "description").get(automation);
        assertThat(sync("scenario_automations").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(loadedColumn("scenario_automations", "description")).containsEntry(automation, description)
                .isEqualTo(sourceField("scenario_automations", "description"));

        // the helpdesk settings: one object, a table of one row that the next read replaces when they change
        assertThat(sync("settings").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        simulator.mutations().updateRandom("helpdesk_settings", 1);
        assertThat(sync("settings").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(db().query("SELECT id, primary_language, supported_languages::VARCHAR AS supported FROM settings"))
                .containsExactly(Map.of("id", 1L, "primary_language", "en", "supported",
                        new ObjectMapper()
                                .writeValueAsString(simulator.helpdeskSettings().get("supported_languages"))));

        // a satisfaction rating changed after it was created: filtered by creation time, it is found again only
        // because every run re-reads the lookback window (14 days) before the cursor
        Map<String, Object> recentRating = simulator.snapshot("satisfaction_ratings")
                .stream()
                .max(Comparator.comparing(r -> r.get("created_at").toString()))
                .orElseThrow();
        simulator.mutations().touch("satisfaction_ratings", ((Number) recentRating.get("id")).longValue());
        assertThat(sync("satisfaction_ratings").message()).contains("0 inserted, 1 updated");
        assertThat(loaded("satisfaction_ratings")).isEqualTo(source("satisfaction_ratings"));

        // conversations, a child stream of tickets, while tickets change (new replies, edited replies)
        simulator.mutations().everyRequests(50, 2, 1, 0);
        assertThat(sync("conversations").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        simulator.mutations().off();
        sync("conversations");
        sync("tickets"); // the tickets that changed meanwhile
        assertThat(loadedConversations()).isEqualTo(sourceConversations()).hasSizeGreaterThan(3000);
        assertThat(
                db().query("SELECT count(*) AS n FROM conversations WHERE last_edited_at IS NOT NULL").get(0).get("n"))
                .as("edited replies")
                .isNotEqualTo(0L);

        // deletions: tickets deleted and marked as spam, contacts soft-deleted, then a ticket restored
        List<Long> deleted = simulator.mutations().deleteRandom("tickets", 4);
        long spam = simulator.snapshot("tickets").get(10).get("id") instanceof Number n ? n.longValue() : 0;
        simulator.mutations().markSpam("tickets", spam);
        List<Long> deletedContacts = simulator.mutations().deleteRandom("contacts", 3);
        for (String stream : List.of("tickets", "deleted_tickets", "spam_tickets", "contacts", "deleted_contacts")) {
            assertThat(sync(stream).status()).as(stream).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        }
        assertThat(flagged("tickets")).containsExactlyInAnyOrderElementsOf(
                Stream.concat(deleted.stream(), Stream.of(spam)).toList());
        assertThat(flagged("contacts")).containsExactlyInAnyOrderElementsOf(deletedContacts);
        assertThat(loaded("tickets")).isEqualTo(source("tickets"));
        assertThat(loaded("contacts")).isEqualTo(source("contacts"));
        simulator.mutations().restore("tickets", deleted.get(0));
        sync("tickets");
        assertThat(flagged("tickets")).doesNotContain(deleted.get(0)).hasSize(4);
        assertThat(loaded("tickets")).isEqualTo(source("tickets"));
        sync("conversations"); // the restored ticket's

        simulator.mutations().updateRandom("tickets", 7);
        simulator.mutations().create("tickets", 3);
        long requestsBefore = simulator.requestCount();
        assertThat(sync("conversations").status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // one page of the tickets that changed, then the conversations of those ten tickets only
        assertThat(simulator.requestCount() - requestsBefore).isEqualTo(11);
        assertThat(loadedConversations()).isEqualTo(sourceConversations());
        SyncOutcome second = sync("tickets");

        assertThat(second.message()).contains("3 inserted, 7 updated");
        assertThat(loaded("tickets")).isEqualTo(source("tickets"));
        assertThat(db().query("SELECT count(*) AS n FROM tickets_changes WHERE _sync_run_id = ?",
                second.runId()).get(0).get("n")).isEqualTo(10L);
    }
}
