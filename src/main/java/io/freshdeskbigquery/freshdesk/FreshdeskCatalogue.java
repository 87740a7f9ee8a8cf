package io.freshdeskbigquery.freshdesk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.freshdeskbigquery.freshdesk.FreshdeskStream.ListLimit;
import io.freshdeskbigquery.table.Column;

import static io.freshdeskbigquery.freshdesk.FreshdeskStream.DELETED_AT;
import static io.freshdeskbigquery.freshdesk.FreshdeskStream.list;
import static io.freshdeskbigquery.table.Column.ColumnType.BIGINT;
import static io.freshdeskbigquery.table.Column.ColumnType.BOOLEAN;
import static io.freshdeskbigquery.table.Column.ColumnType.INTEGER;
import static io.freshdeskbigquery.table.Column.ColumnType.JSON;
import static io.freshdeskbigquery.table.Column.ColumnType.TIMESTAMP;
import static io.freshdeskbigquery.table.Column.ColumnType.VARCHAR;

/**
 * The Freshdesk lists this loader knows: every stream {@code sync.streams} may name, one {@link FreshdeskStream}
 * declaration each, and the lookup by name. Adding a stream is one declaration here, added to {@link #values()}; the
 * route template, the rate budget, the settings and the tests take what they need from it, and nothing switches
 * over stream names.
 */
public final class FreshdeskCatalogue {

    /** What the lists of the team and the settings take to read. */
    private static final String ADMINISTRATOR = "an administrator's API key (the agent's role must be Account Administrator or Administrator)";

    /** The default schedule of the dimensions (people, settings): once a day, at night (UTC). */
    private static final String DAILY = "0 30 2 * * ?";

    /** Keyset paging: {@code updated_since} + {@code order_by=updated_at&order_type=asc}. */
    public static final FreshdeskStream TICKETS = list("tickets")
            .updatedSince("updated_since")
            .ordered("order_by=updated_at&order_type=asc")
            .limit(ListLimit.TICKETS_LIST)
            .columns(
                    new Column("subject", VARCHAR),
                    new Column("status", INTEGER),
                    new Column("priority", INTEGER),
                    new Column("source", INTEGER),
                    new Column("type", VARCHAR),
                    new Column("requester_id", BIGINT),
                    new Column("responder_id", BIGINT),
                    new Column("group_id", BIGINT),
                    new Column("company_id", BIGINT),
                    new Column("product_id", BIGINT),
                    new Column("tags", JSON),
                    new Column("due_by", TIMESTAMP),
                    new Column("fr_due_by", TIMESTAMP),
                    new Column("is_escalated", BOOLEAN),
                    new Column("created_at", TIMESTAMP),
                    new Column("custom_fields", JSON),
                    // filled when sync.tickets.include asks for them
                    new Column("description_text", VARCHAR),
                    new Column("stats", JSON),
                    new Column("deleted", BOOLEAN),
                    new Column("spam", BOOLEAN),
                    new Column(DELETED_AT, TIMESTAMP));

    /**
     * {@code _updated_since}. Freshdesk does not document the order of this list, so the loader checks
     * it page by page: ordered pages move the cursor as they land, an unordered answer turns the run
     * into a sweep whose cursor moves only at its end.
     */
    public static final FreshdeskStream CONTACTS = list("contacts")
            .updatedSince("_updated_since")
            .limit(ListLimit.CONTACTS_LIST)
            .columns(
                    new Column("name", VARCHAR),
                    new Column("email", VARCHAR),
                    new Column("phone", VARCHAR),
                    new Column("mobile", VARCHAR),
                    new Column("company_id", BIGINT),
                    new Column("active", BOOLEAN),
                    new Column("job_title", VARCHAR),
                    new Column("language", VARCHAR),
                    new Column("time_zone", VARCHAR),
                    new Column("created_at", TIMESTAMP),
                    new Column("custom_fields", JSON),
                    new Column("deleted", BOOLEAN),
                    new Column(DELETED_AT, TIMESTAMP));

    /**
     * Deleted tickets: gone from the tickets list, listed by {@code filter=deleted} (keyset like the tickets, with a
     * cursor of their own). Each is the ticket's newest version ({@code deleted: true}), loaded into {@code tickets}.
     */
    public static final FreshdeskStream DELETED_TICKETS = list("deleted_tickets").at("tickets")
            .filtered("filter=deleted")
            .updatedSince("updated_since")
            .ordered("order_by=updated_at&order_type=asc")
            .limit(ListLimit.TICKETS_LIST)
            .into(TICKETS);

    /** Tickets marked as spam ({@code filter=spam}, {@code spam: true}), loaded into {@code tickets} likewise. */
    public static final FreshdeskStream SPAM_TICKETS = list("spam_tickets").at("tickets")
            .filtered("filter=spam")
            .updatedSince("updated_since")
            .ordered("order_by=updated_at&order_type=asc")
            .limit(ListLimit.TICKETS_LIST)
            .into(TICKETS);

    /** Soft-deleted contacts ({@code state=deleted}, {@code deleted: true}), loaded into {@code contacts}. */
    public static final FreshdeskStream DELETED_CONTACTS = list("deleted_contacts").at("contacts")
            .filtered("state=deleted")
            .updatedSince("_updated_since")
            .limit(ListLimit.CONTACTS_LIST)
            .into(CONTACTS);

    /** No incremental filter: read whole every run; unchanged records are dropped by their key. */
    public static final FreshdeskStream COMPANIES = list("companies")
            .columns(
                    new Column("name", VARCHAR),
                    new Column("description", VARCHAR),
                    new Column("domains", JSON),
                    new Column("industry", VARCHAR),
                    new Column("created_at", TIMESTAMP),
                    new Column("custom_fields", JSON));

    /** The support team ({@code agents}): a full list, read whole every run, like companies. */
    public static final FreshdeskStream AGENTS = list("agents")
            .needs(ADMINISTRATOR)
            .every(DAILY)
            .columns(
                    new Column("available", BOOLEAN),
                    new Column("occasional", BOOLEAN),
                    new Column("ticket_scope", INTEGER),
                    new Column("type", VARCHAR),
                    new Column("group_ids", JSON),
                    new Column("role_ids", JSON),
                    new Column("contact", JSON),
                    new Column("created_at", TIMESTAMP));

    /** Agent groups: a full list. */
    public static final FreshdeskStream GROUPS = list("groups")
            .every(DAILY)
            .columns(
                    new Column("name", VARCHAR),
                    new Column("description", VARCHAR),
                    new Column("escalate_to", BIGINT),
                    new Column("unassigned_for", VARCHAR),
                    new Column("business_hour_id", BIGINT),
                    new Column("group_type", VARCHAR),
                    new Column("agent_ids", JSON),
                    new Column("created_at", TIMESTAMP));

    /** Agent roles: a full list (needs an administrator's key). */
    public static final FreshdeskStream ROLES = list("roles")
            .needs(ADMINISTRATOR)
            .every(DAILY)
            .columns(
                    new Column("name", VARCHAR),
                    new Column("description", VARCHAR),
                    new Column("default", BOOLEAN),
                    new Column("created_at", TIMESTAMP));

    /**
     * Replies and notes, a child stream of tickets: a run pages through the tickets changed since its own cursor
     * (keyset, as the tickets stream) and reads {@code tickets/{id}/conversations} of each, page by page. Its cursor
     * is over the tickets' {@code updated_at} and passes a page of tickets only once all their conversations are
     * written. An edit shows in {@code last_edited_at}, so that is the row's version when it is later.
     */
    public static final FreshdeskStream CONVERSATIONS = list("conversations")
            .childOf(TICKETS, "tickets/{id}/conversations")
            .editedAt("last_edited_at")
            .every("0 0/15 * * * ?")
            .columns(
                    new Column("ticket_id", BIGINT),
                    new Column("user_id", BIGINT),
                    new Column("incoming", BOOLEAN),
                    new Column("private", BOOLEAN),
                    new Column("source", INTEGER),
                    new Column("category", INTEGER),
                    new Column("body_text", VARCHAR),
                    new Column("from_email", VARCHAR),
                    new Column("to_emails", JSON),
                    new Column("support_email", VARCHAR),
                    new Column("created_at", TIMESTAMP),
                    new Column("last_edited_at", TIMESTAMP),
                    new Column("last_edited_user_id", BIGINT));

    /**
     * CSAT answers. Freshdesk filters them by creation time only ({@code created_since}; without it, the last 30
     * days), while a rating can change after it was created: every run reads {@code sync.satisfaction_ratings.lookback}
     * (14 days) before its cursor again, by offset to the end of the list, and the cursor moves when the run ends.
     */
    public static final FreshdeskStream SATISFACTION_RATINGS = list("satisfaction_ratings")
            .needs("customer satisfaction surveys on the plan, and an agent allowed to see survey results")
            .at("surveys/satisfaction_ratings")
            .updatedSince("created_since")
            .lookback(Duration.ofDays(14))
            .columns(
                    new Column("survey_id", BIGINT),
                    new Column("ticket_id", BIGINT),
                    new Column("user_id", BIGINT),
                    new Column("agent_id", BIGINT),
                    new Column("group_id", BIGINT),
                    new Column("ratings", JSON),
                    new Column("feedback", VARCHAR),
                    new Column("created_at", TIMESTAMP));

    /**
     * Time logged on tickets. The list's only date filters ({@code executed_after}, {@code executed_before}) are on
     * when the work was done, not on changes, so it is read whole every run; unchanged entries are skipped by their
     * {@code updated_at}, as companies are.
     */
    public static final FreshdeskStream TIME_ENTRIES = list("time_entries")
            .needs("time tracking on the plan, and an agent allowed to see all time entries")
            .every("0 0 * * * ?")
            .columns(
                    new Column("ticket_id", BIGINT),
                    new Column("agent_id", BIGINT),
                    new Column("billable", BOOLEAN),
                    new Column("time_spent", VARCHAR),
                    new Column("timer_running", BOOLEAN),
                    new Column("note", VARCHAR),
                    new Column("executed_at", TIMESTAMP),
                    new Column("start_time", TIMESTAMP),
                    new Column("created_at", TIMESTAMP));

    // ---- the account's settings: small lists, read whole once a day ----

    public static final FreshdeskStream SKILLS = dimension("skills").at("admin/skills")
            .needs(ADMINISTRATOR)
            .columns(new Column("name", VARCHAR), new Column("rank", INTEGER), new Column("match_type", VARCHAR),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream PRODUCTS = dimension("products")
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR),
                    new Column("primary_email", VARCHAR),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream BUSINESS_HOURS = dimension("business_hours")
            .needs(ADMINISTRATOR)
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("is_default", BOOLEAN),
                    new Column("time_zone", VARCHAR), new Column("business_hours", JSON),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream SLA_POLICIES = dimension("sla_policies")
            .needs(ADMINISTRATOR)
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("active", BOOLEAN),
                    new Column("is_default", BOOLEAN), new Column("position", INTEGER), new Column("sla_target", JSON),
                    new Column("applicable_to", JSON), new Column("created_at", TIMESTAMP));

    /** The ticket fields; the custom ones become the columns of the view {@code tickets_with_custom_fields}. */
    public static final FreshdeskStream TICKET_FIELDS = dimension("ticket_fields").columns(fieldColumns())
            .fieldsOf(TICKETS);

    public static final FreshdeskStream CONTACT_FIELDS = dimension("contact_fields").columns(fieldColumns())
            .fieldsOf(CONTACTS);

    public static final FreshdeskStream COMPANY_FIELDS = dimension("company_fields").columns(fieldColumns())
            .fieldsOf(COMPANIES);

    public static final FreshdeskStream EMAIL_CONFIGS = dimension("email_configs")
            .needs(ADMINISTRATOR)
            .columns(new Column("name", VARCHAR), new Column("to_email", VARCHAR), new Column("reply_email", VARCHAR),
                    new Column("group_id", BIGINT), new Column("product_id", BIGINT),
                    new Column("primary_role", BOOLEAN),
                    new Column("active", BOOLEAN), new Column("created_at", TIMESTAMP));

    /** Freshdesk's mailboxes, where the plan has them (403 or 404 otherwise: skipped with a warning). */
    public static final FreshdeskStream MAILBOXES = dimension("mailboxes").at("email/mailboxes")
            .needs(ADMINISTRATOR + " and a plan with mailboxes")
            .columns(new Column("name", VARCHAR), new Column("support_email", VARCHAR), new Column("group_id", BIGINT),
                    new Column("product_id", BIGINT), new Column("default_reply_email", BOOLEAN),
                    new Column("active", BOOLEAN), new Column("mailbox_type", VARCHAR),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream CANNED_RESPONSE_FOLDERS = dimension("canned_response_folders")
            .columns(new Column("name", VARCHAR), new Column("personal", BOOLEAN),
                    new Column("responses_count", INTEGER),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream SURVEYS = dimension("surveys")
            .needs("customer satisfaction surveys on the plan")
            .columns(new Column("title", VARCHAR), new Column("active", BOOLEAN), new Column("questions", JSON),
                    new Column("created_at", TIMESTAMP));

    public static final FreshdeskStream SOLUTION_CATEGORIES = dimension("solution_categories")
            .at("solutions/categories")
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR),
                    new Column("visible_in_portals", JSON), new Column("created_at", TIMESTAMP));

    /**
     * The canned responses of every folder, a child stream of {@code canned_response_folders}: folders are read whole,
     * so every run reads every folder's responses (a response's change does not show on its folder); unchanged ones
     * are skipped by their {@code updated_at}.
     */
    public static final FreshdeskStream CANNED_RESPONSES = dimension("canned_responses")
            .childOf(CANNED_RESPONSE_FOLDERS, "canned_response_folders/{id}/responses")
            .columns(new Column("title", VARCHAR), new Column("folder_id", BIGINT), new Column("visibility", INTEGER),
                    new Column("group_ids", JSON), new Column("content", VARCHAR), new Column("created_at", TIMESTAMP));

    /** The folders of every solution category, a child stream of {@code solution_categories}, read like canned responses. */
    public static final FreshdeskStream SOLUTION_FOLDERS = dimension("solution_folders")
            .childOf(SOLUTION_CATEGORIES, "solutions/categories/{id}/folders")
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("category_id", BIGINT),
                    new Column("visibility", INTEGER), new Column("created_at", TIMESTAMP));

    /**
     * The articles of every solution folder: a child of {@code solution_folders}, itself a child of
     * {@code solution_categories}; every run reads every category's folders, then every folder's articles.
     */
    public static final FreshdeskStream SOLUTION_ARTICLES = dimension("solution_articles")
            .childOf(SOLUTION_FOLDERS, "solutions/folders/{id}/articles")
            .columns(new Column("title", VARCHAR), new Column("description_text", VARCHAR),
                    new Column("status", INTEGER),
                    new Column("folder_id", BIGINT), new Column("category_id", BIGINT), new Column("agent_id", BIGINT),
                    new Column("type", INTEGER), new Column("tags", JSON), new Column("thumbs_up", INTEGER),
                    new Column("thumbs_down", INTEGER), new Column("hits", INTEGER),
                    new Column("created_at", TIMESTAMP));

    /**
     * Scenario automations, the sets of actions an agent applies to a ticket in one click: a full list, read whole.
     * Freshdesk gives them no {@code updated_at}: each read is stamped with the time it was read.
     */
    public static final FreshdeskStream SCENARIO_AUTOMATIONS = dimension("scenario_automations")
            .needs("scenario automations on the plan")
            .withoutUpdatedAt()
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("actions", JSON),
                    new Column("private", BOOLEAN));

    /**
     * The helpdesk's languages ({@code settings/helpdesk}): one object, not a list, so a table of one row (id
     * {@value FreshdeskStream#ONE_OBJECT_ID}), replaced by every read (it has no {@code updated_at} either).
     */
    public static final FreshdeskStream SETTINGS = dimension("settings").at("settings/helpdesk")
            .needs(ADMINISTRATOR)
            .singleObject()
            .withoutUpdatedAt()
            .columns(new Column("primary_language", VARCHAR), new Column("supported_languages", JSON),
                    new Column("portal_languages", JSON), new Column("help_widget_languages", JSON));

    // ---- the community forums: categories, their forums, the forums' topics, the topics' comments ----

    /** What the forums take to read (403 or 404 without them: skipped with a warning). */
    private static final String FORUMS = "community forums (discussions) on the plan";

    public static final FreshdeskStream DISCUSSION_CATEGORIES = dimension("discussion_categories")
            .at("discussions/categories")
            .needs(FORUMS)
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("position", INTEGER),
                    new Column("created_at", TIMESTAMP));

    /**
     * The forums of every category, a child of {@code discussion_categories}, read like the solution folders. Freshdesk
     * gives a forum no timestamps: each read is stamped with the time it was read.
     */
    public static final FreshdeskStream DISCUSSION_FORUMS = dimension("discussion_forums")
            .childOf(DISCUSSION_CATEGORIES, "discussions/categories/{id}/forums")
            .needs(FORUMS)
            .withoutUpdatedAt()
            .columns(new Column("name", VARCHAR), new Column("description", VARCHAR), new Column("position", INTEGER),
                    new Column("forum_category_id", BIGINT), new Column("forum_type", INTEGER),
                    new Column("forum_visibility", INTEGER), new Column("company_ids", JSON),
                    new Column("topics_count", INTEGER), new Column("comments_count", INTEGER));

    /** The topics of every forum: every run reads every category's forums, then every forum's topics. */
    public static final FreshdeskStream DISCUSSION_TOPICS = dimension("discussion_topics")
            .childOf(DISCUSSION_FORUMS, "discussions/forums/{id}/topics")
            .needs(FORUMS)
            .columns(new Column("title", VARCHAR), new Column("forum_id", BIGINT), new Column("user_id", BIGINT),
                    new Column("locked", BOOLEAN), new Column("sticky", BOOLEAN), new Column("published", BOOLEAN),
                    new Column("stamp_type", INTEGER), new Column("replied_by", BIGINT),
                    new Column("replied_at", TIMESTAMP), new Column("hits", INTEGER), new Column("user_votes", INTEGER),
                    new Column("comments_count", INTEGER), new Column("merged_topic_id", BIGINT),
                    new Column("created_at", TIMESTAMP));

    /** The comments (posts) of every topic: every run reads the forums, the topics, then every topic's comments. */
    public static final FreshdeskStream DISCUSSION_COMMENTS = dimension("discussion_comments")
            .childOf(DISCUSSION_TOPICS, "discussions/topics/{id}/comments")
            .needs(FORUMS)
            .columns(new Column("topic_id", BIGINT), new Column("forum_id", BIGINT), new Column("user_id", BIGINT),
                    new Column("body_text", VARCHAR), new Column("answer", BOOLEAN), new Column("published", BOOLEAN),
                    new Column("spam", BOOLEAN), new Column("trash", BOOLEAN), new Column("created_at", TIMESTAMP));

    /**
     * Every ticket's history, from Freshdesk's daily ticket activity export ({@code export/ticket_activities}): not a
     * list that is paged, but one export a day, read day by day with a cursor of days ({@code sync/activities}). Each
     * activity (a property a person or a rule set, a note added) is a row; activities carry no id, so a row's id is a
     * key made from its day, its content and its place among identical ones.
     */
    public static final FreshdeskStream TICKET_ACTIVITIES = list("ticket_activities").at("export/ticket_activities")
            .exportedDaily()
            .needs(ADMINISTRATOR + ", and the scheduled ticket activity export enabled in the admin settings")
            .every("0 15 * * * ?")
            .columns(new Column("ticket_id", BIGINT), new Column("performer_type", VARCHAR),
                    new Column("performer_id", BIGINT), new Column("performed_at", TIMESTAMP),
                    new Column("status", VARCHAR), new Column("priority", INTEGER), new Column("group_id", BIGINT),
                    new Column("agent_id", BIGINT), new Column("export_day", VARCHAR),
                    new Column("export_position", INTEGER));

    private static final List<FreshdeskStream> CATALOGUE = List.of(TICKETS, CONTACTS, COMPANIES, AGENTS, GROUPS, ROLES,
            CONVERSATIONS, DELETED_TICKETS, SPAM_TICKETS, DELETED_CONTACTS, SATISFACTION_RATINGS, TIME_ENTRIES, SKILLS,
            PRODUCTS, BUSINESS_HOURS, SLA_POLICIES,
            TICKET_FIELDS, CONTACT_FIELDS, COMPANY_FIELDS, EMAIL_CONFIGS, MAILBOXES, CANNED_RESPONSE_FOLDERS, SURVEYS,
            SOLUTION_CATEGORIES, CANNED_RESPONSES, SOLUTION_FOLDERS, SOLUTION_ARTICLES,
            SCENARIO_AUTOMATIONS, SETTINGS, DISCUSSION_CATEGORIES, DISCUSSION_FORUMS, DISCUSSION_TOPICS,
            DISCUSSION_COMMENTS, TICKET_ACTIVITIES);

    /** A list of the account's settings: read whole, once a day. */
    private static FreshdeskStream dimension(String name) {
        return list(name).every(DAILY);
    }

    /** The columns of ticket_fields, contact_fields and company_fields (the choices of a dropdown stay JSON). */
    private static Column[] fieldColumns() {
        return new Column[]{new Column("name", VARCHAR), new Column("label", VARCHAR), new Column("type", VARCHAR),
                new Column("position", INTEGER), new Column("default", BOOLEAN),
                new Column("required_for_agents", BOOLEAN),
                new Column("choices", JSON), new Column("created_at", TIMESTAMP)};
    }

    /** The catalogue: every stream {@code sync.streams} may name. */
    public static List<FreshdeskStream> values() {
        return CATALOGUE;
    }

    public static Optional<FreshdeskStream> byName(String name) {
        return CATALOGUE.stream().filter(s -> s.streamName().equals(name.trim())).findFirst();
    }

    public static FreshdeskStream require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("Unknown stream '" + name
                + "' in sync.streams; supported streams: " + names()));
    }

    /**
     * The lists of a stream's deleted records, loaded into its tables ({@link FreshdeskStream#into}): tickets has
     * {@code deleted_tickets} and {@code spam_tickets}, contacts {@code deleted_contacts}, the others none.
     */
    public static List<FreshdeskStream> deletionListsOf(FreshdeskStream stream) {
        return CATALOGUE.stream()
                .filter(list -> list.into().filter(into -> into.streamName().equals(stream.streamName())).isPresent())
                .toList();
    }

    public static String names() {
        return CATALOGUE.stream().map(FreshdeskStream::streamName).collect(Collectors.joining(", "));
    }

    private FreshdeskCatalogue() {
    }
}
