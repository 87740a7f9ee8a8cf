package io.freshdeskbigquery.freshdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.table.Column;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream declarations: the catalogue, and what the model can say beyond it (a lookback, a child stream). */
class FreshdeskStreamTest {

    static final Instant CURSOR = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void theCatalogueDeclaresEachStreamOnce() {
        assertThat(FreshdeskCatalogue.values()).extracting(FreshdeskStream::streamName)
                .containsExactly("tickets", "contacts", "companies", "agents", "groups", "roles", "conversations",
                        "deleted_tickets", "spam_tickets", "deleted_contacts", "satisfaction_ratings", "time_entries",
                        "skills", "products", "business_hours", "sla_policies",
                        "ticket_fields", "contact_fields", "company_fields", "email_configs", "mailboxes",
                        "canned_response_folders", "surveys", "solution_categories", "canned_responses",
                        "solution_folders", "solution_articles", "scenario_automations", "settings",
                        "discussion_categories", "discussion_forums", "discussion_topics", "discussion_comments",
                        "ticket_activities")
                .doesNotHaveDuplicates();
        // the deleted and spam lists are the tickets and contacts lists filtered, loaded into their tables
        assertThat(FreshdeskCatalogue.DELETED_TICKETS.path()).isEqualTo("tickets");
        assertThat(FreshdeskCatalogue.DELETED_TICKETS.table().currentTable()).isEqualTo("tickets");
        assertThat(FreshdeskCatalogue.DELETED_TICKETS.table().name()).isEqualTo("deleted_tickets");
        assertThat(PreparePageRequest.query(new StreamRun(FreshdeskCatalogue.SPAM_TICKETS, "run-1", CURSOR))).isEqualTo(
                "per_page=100&updated_since=2025-03-01T00:00:00Z&filter=spam&order_by=updated_at&order_type=asc&page=1");
        assertThat(FreshdeskCatalogue.DELETED_CONTACTS.table().changesTable()).isEqualTo("contacts_changes");
        assertThat(FreshdeskCatalogue.values()).filteredOn(stream -> stream.filterParameters().isEmpty())
                .extracting(FreshdeskStream::path)
                .doesNotHaveDuplicates()
                .contains("surveys/satisfaction_ratings", "admin/skills", "email/mailboxes", "solutions/categories",
                        "settings/helpdesk", "discussions/categories");
        assertThat(FreshdeskCatalogue.SATISFACTION_RATINGS.sinceParameter()).isEqualTo("created_since");
        assertThat(FreshdeskCatalogue.SATISFACTION_RATINGS.lookback()).isEqualTo(Duration.ofDays(14));
        assertThat(FreshdeskCatalogue.TIME_ENTRIES.incremental()).isFalse();
        // a list filtered by creation time is read by offset to its end: its cursor moves when the run ends
        assertThat(new StreamRun(FreshdeskCatalogue.SATISFACTION_RATINGS, "run-1", CURSOR).position().ordered())
                .isFalse();
        assertThat(FreshdeskCatalogue.SKILLS.defaultSchedule()).isEqualTo(FreshdeskCatalogue.AGENTS.defaultSchedule());
        assertThat(FreshdeskCatalogue.TICKETS.incremental()).isTrue();
        assertThat(FreshdeskCatalogue.TICKETS.orderParameters()).isEqualTo("order_by=updated_at&order_type=asc");
        assertThat(FreshdeskCatalogue.TICKETS.listLimit()).isEqualTo(FreshdeskStream.ListLimit.TICKETS_LIST);
        assertThat(FreshdeskCatalogue.COMPANIES.incremental()).isFalse();
        assertThat(FreshdeskCatalogue.COMPANIES.listLimit()).isEqualTo(FreshdeskStream.ListLimit.ACCOUNT);
        assertThat(FreshdeskCatalogue.values()).filteredOn(stream -> stream.parent().isPresent())
                .extracting(FreshdeskStream::streamName)
                .containsExactly("conversations", "canned_responses", "solution_folders", "solution_articles",
                        "discussion_forums", "discussion_topics", "discussion_comments");
        // the account's settings, the forums and the scenario automations: read whole, once a day, on the account's
        // budget
        assertThat(List.of(FreshdeskCatalogue.SCENARIO_AUTOMATIONS, FreshdeskCatalogue.SETTINGS,
                FreshdeskCatalogue.DISCUSSION_CATEGORIES, FreshdeskCatalogue.DISCUSSION_FORUMS,
                FreshdeskCatalogue.DISCUSSION_TOPICS, FreshdeskCatalogue.DISCUSSION_COMMENTS))
                .allSatisfy(stream -> assertThat(stream.defaultSchedule()).as(stream.streamName())
                        .isEqualTo(FreshdeskCatalogue.AGENTS.defaultSchedule()))
                .allSatisfy(stream -> assertThat(stream.listLimit()).isEqualTo(FreshdeskStream.ListLimit.ACCOUNT))
                .allSatisfy(stream -> assertThat(stream.incremental()).isFalse());
        assertThat(FreshdeskCatalogue.CONVERSATIONS.parent()).contains(FreshdeskCatalogue.TICKETS);
    }

    @Test
    void aStreamWithALookbackReadsThatFarBeforeItsCursorAgainWhileItsCursorStays() {
        FreshdeskStream ratings = FreshdeskStream.list("satisfaction_ratings")
                .at("surveys/satisfaction_ratings")
                .updatedSince("created_since")
                .lookback(Duration.ofDays(14))
                .columns(new Column("rating", Column.ColumnType.JSON));

        StreamRun run = new StreamRun(ratings, "run-1", CURSOR);

        assertThat(run.since()).isEqualTo(CURSOR.minus(Duration.ofDays(14)));
        assertThat(run.startCursor()).isEqualTo(CURSOR.minus(Duration.ofDays(14)));
        assertThat(run.cursor()).isEqualTo(CURSOR);
        assertThat(PreparePageRequest.query(run)).isEqualTo("per_page=100&created_since=2025-02-15T00:00:00Z&page=1");
        assertThat(ratings.path()).isEqualTo("surveys/satisfaction_ratings");
        assertThatThrownBy(() -> ratings.lookback(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    static FreshdeskPage page(String url, String json, boolean hasNext) throws Exception {
        var records = new ArrayList<ObjectNode>();
        new ObjectMapper().readTree(json)
                .forEach(node -> records.add((ObjectNode) node));
        return new FreshdeskPage(url, records, List.of(), hasNext, true, CURSOR, 1, null,
                records.stream().map(FreshdeskRecords::updatedAt).toList());
    }

    @Test
    void aGrandchildStreamReadsItsParentsListsFirstAndKeepsOnlyItsOwnRecords() throws Exception {
        // solution articles: the categories are listed; each category's folders, then each folder's articles
        assertThat(FreshdeskCatalogue.SOLUTION_ARTICLES.listed()).isEqualTo(FreshdeskCatalogue.SOLUTION_CATEGORIES);
        ChildPages pages = new ChildPages(FreshdeskCatalogue.SOLUTION_ARTICLES,
                List.of(new ChildPages.Parent(1, CURSOR)));

        assertThat(pages.ask().path()).isEqualTo("solutions/categories/1/folders");
        pages.read(page("f1", "[{\"id\":10,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", true));
        assertThat(pages.ask().path()).isEqualTo("solutions/categories/1/folders");
        assertThat(pages.ask().page()).isEqualTo(2);
        pages.read(page("f2", "[{\"id\":11,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));
        assertThat(pages.ask().path()).isEqualTo("solutions/folders/10/articles");
        assertThat(pages.ask().where("u")).isEqualTo("Stream solution_articles, solution_folders 10, page 1 (u)");
        pages.read(page("a10", "[{\"id\":100,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));
        assertThat(pages.ask().path()).isEqualTo("solutions/folders/11/articles");
        pages.read(page("a11", "[{\"id\":110,\"updated_at\":\"2025-03-01T00:00:00Z\"},"
                + "{\"id\":111,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));

        assertThat(pages.hasMore()).isFalse();
        assertThat(pages.records()).extracting(r -> r.get("id").asLong()).containsExactly(100L, 110L, 111L);
        assertThat(pages.requests()).isEqualTo(4);
    }

    @Test
    void theForumsAreAChainOfChildListsFromTheCategoriesDownToEachTopicsComments() throws Exception {
        assertThat(FreshdeskCatalogue.DISCUSSION_COMMENTS.listed()).isEqualTo(FreshdeskCatalogue.DISCUSSION_CATEGORIES);
        ChildPages pages = new ChildPages(FreshdeskCatalogue.DISCUSSION_COMMENTS,
                List.of(new ChildPages.Parent(1, CURSOR)));

        assertThat(pages.ask().path()).isEqualTo("discussions/categories/1/forums");
        assertThat(PreparePageRequest.query(pages.ask())).isEqualTo("per_page=100&page=1");
        pages.read(page("f", "[{\"id\":10,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));
        assertThat(pages.ask().path()).isEqualTo("discussions/forums/10/topics");
        pages.read(page("t", "[{\"id\":100,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));
        assertThat(pages.ask().path()).isEqualTo("discussions/topics/100/comments");
        assertThat(pages.ask().where("u")).isEqualTo("Stream discussion_comments, discussion_topics 100, page 1 (u)");
        pages.read(page("c", "[{\"id\":1000,\"updated_at\":\"2025-03-01T00:00:00Z\"}]", false));

        assertThat(pages.hasMore()).isFalse();
        assertThat(pages.records()).extracting(r -> r.get("id").asLong()).containsExactly(1000L);
        // a 403 on any of these lists names what the forums take
        assertThat(FreshdeskCatalogue.DISCUSSION_TOPICS.permission()).isEqualTo(
                "community forums (discussions) on the plan");
    }

    @Test
    void recordsWithoutUpdatedAtAreStampedWithTheTimeTheyWereReadAndOnlyThose() throws Exception {
        var json = new ObjectMapper();
        Instant readAt = Instant.parse("2025-03-02T10:11:12.345Z");

        var automations = PageParser.keyed(FreshdeskCatalogue.SCENARIO_AUTOMATIONS,
                json.readTree("[{\"id\":1,\"name\":\"Escalate\"},{\"id\":2,\"updated_at\":null},"
                        + "{\"id\":3,\"updated_at\":\"2025-01-01T00:00:00Z\"}]"),
                readAt);

        assertThat(automations).isNotNull();
        assertThat(automations.findValuesAsText("updated_at")).containsExactly("2025-03-02T10:11:12.345Z",
                "2025-03-02T10:11:12.345Z", "2025-01-01T00:00:00Z");
        // nothing to add: the answer stays as it came (with each record's text); a list not declared so is left alone
        assertThat(PageParser.keyed(FreshdeskCatalogue.SCENARIO_AUTOMATIONS,
                json.readTree("[{\"id\":3,\"updated_at\":\"2025-01-01T00:00:00Z\"}]"), readAt)).isNull();
        assertThat(PageParser.keyed(FreshdeskCatalogue.COMPANIES, json.readTree("[{\"id\":1}]"), readAt)).isNull();
    }

    @Test
    void aSingleObjectIsAPageOfOneRecordWithAConstantIdAskedWithoutPaging() throws Exception {
        var json = new ObjectMapper();
        Instant readAt = Instant.parse("2025-03-02T10:11:12.345Z");

        var settings = PageParser.keyed(FreshdeskCatalogue.SETTINGS,
                json.readTree("{\"primary_language\":\"en\",\"supported_languages\":[\"de\"]}"), readAt);

        assertThat(settings.toString()).isEqualTo("[{\"primary_language\":\"en\",\"supported_languages\":[\"de\"],"
                + "\"id\":1,\"updated_at\":\"2025-03-02T10:11:12.345Z\"}]");
        assertThat(PreparePageRequest.query(new StreamRun(FreshdeskCatalogue.SETTINGS, "run-1", CURSOR))).isEmpty();
        assertThat(FreshdeskCatalogue.SETTINGS.path()).isEqualTo("settings/helpdesk");
        // an answer that is a list after all is read as one
        assertThat(PageParser.keyed(FreshdeskCatalogue.SETTINGS, json.readTree("[]"), readAt)).isNull();
    }

    @Test
    void anEditedConversationsVersionIsItsLastEditWhenThatIsLater() throws Exception {
        var json = new ObjectMapper();
        assertThat(FreshdeskCatalogue.CONVERSATIONS.version(json.readTree(
                "{\"id\":1,\"updated_at\":\"2025-03-01T00:00:00Z\",\"last_edited_at\":\"2025-03-02T00:00:00Z\"}")))
                .isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(FreshdeskCatalogue.CONVERSATIONS.version(json.readTree(
                "{\"id\":1,\"updated_at\":\"2025-03-01T00:00:00Z\",\"last_edited_at\":null}")))
                .isEqualTo(CURSOR);
        assertThat(FreshdeskCatalogue.TICKETS.version(json.readTree(
                "{\"id\":1,\"updated_at\":\"2025-03-01T00:00:00Z\",\"last_edited_at\":\"2025-03-02T00:00:00Z\"}")))
                .isEqualTo(CURSOR);
    }

    @Test
    void aStreamWithoutALookbackReadsFromItsCursor() {
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", CURSOR);

        assertThat(run.since()).isEqualTo(CURSOR);
        assertThat(PreparePageRequest.query(run))
                .isEqualTo("per_page=100&updated_since=2025-03-01T00:00:00Z&order_by=updated_at&order_type=asc&page=1");
    }

    @Test
    void aChildStreamIsReadPerParentRecord() {
        FreshdeskStream conversations = FreshdeskStream.list("conversations")
                .childOf(FreshdeskCatalogue.TICKETS, "tickets/{id}/conversations");

        assertThat(conversations.parent()).contains(FreshdeskCatalogue.TICKETS);
        assertThat(conversations.path(42)).isEqualTo("tickets/42/conversations");
        assertThat(conversations.streamName()).isEqualTo("conversations");
        // a run pages through the parent's list, with its filter, order and per-minute limit
        StreamRun run = new StreamRun(conversations, "run-1", CURSOR);
        assertThat(run.listed()).isEqualTo(FreshdeskCatalogue.TICKETS);
        assertThat(run.position().ordered()).isTrue();
        assertThat(PreparePageRequest.query(run))
                .isEqualTo("per_page=100&updated_since=2025-03-01T00:00:00Z&order_by=updated_at&order_type=asc&page=1");
        // one parent's child list: its own path, no filter, only the account's budget
        ChildPages pages = new ChildPages(conversations, List.of(new ChildPages.Parent(42, CURSOR)));
        assertThat(pages.ask().path()).isEqualTo("tickets/42/conversations");
        assertThat(PreparePageRequest.query(pages.ask())).isEqualTo("per_page=100&page=1");
        assertThat(pages.ask().listed().listLimit()).isEqualTo(FreshdeskStream.ListLimit.ACCOUNT);
        assertThatThrownBy(() -> FreshdeskStream.list("notes").childOf(FreshdeskCatalogue.TICKETS, "tickets/notes"))
                .hasMessageContaining("{id}");
    }

    @Test
    void aChildListServingTwoPagesAlternatelyIsStopped() throws Exception {
        ChildPages pages = new ChildPages(FreshdeskCatalogue.CONVERSATIONS,
                List.of(new ChildPages.Parent(42, CURSOR)));
        String first = "[{\"id\":1,\"updated_at\":\"2025-03-01T00:00:01Z\"},{\"id\":2,\"updated_at\":\"2025-03-01T00:00:02Z\"}]";
        String second = "[{\"id\":3,\"updated_at\":\"2025-03-01T00:00:03Z\"},{\"id\":4,\"updated_at\":\"2025-03-01T00:00:04Z\"}]";

        pages.read(page("p1", first, true));
        pages.read(page("p2", second, true));

        assertThatThrownBy(() -> pages.read(page("p3", first, true))).isInstanceOf(EndlessPagingException.class)
                .hasMessageContaining("Stream conversations, tickets 42, page 3 (p3)")
                .hasMessageContaining("the same records as page 1 of this read");
        assertThat(pages.records()).hasSize(4);
    }

    @Test
    void aChildListWhoseWindowMovesByOneRecordAPageIsStopped() throws Exception {
        ChildPages pages = new ChildPages(FreshdeskCatalogue.CONVERSATIONS,
                List.of(new ChildPages.Parent(42, CURSOR)));

        Throwable stopped = null;
        int page = 1;
        for (; page <= 100 && stopped == null; page++) {
            StringBuilder json = new StringBuilder("[");
            for (int id = page; id < page + 100; id++) {
                json.append(id == page ? "" : ",")
                        .append("{\"id\":")
                        .append(id)
                        .append(",\"updated_at\":\"")
                        .append(CURSOR.plusSeconds(id))
                        .append("\"}");
            }
            FreshdeskPage shifted = page("p" + page, json.append(']').toString(), true);
            try {
                pages.read(shifted);
            } catch (EndlessPagingException e) {
                stopped = e;
            }
        }

        assertThat(stopped).isNotNull()
                .hasMessageContaining("Stream conversations, tickets 42, page 11")
                .hasMessageContaining("makes no progress");
        assertThat(page - 1).isEqualTo(11);
    }
}
