package io.freshdeskbigquery.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The records of the streams beyond tickets, contacts, companies and the team: satisfaction ratings, time entries and
 * the account's settings (skills, products, business hours, SLA policies, the field definitions, e-mail settings,
 * canned response folders, surveys, solution categories), in the shapes Freshdesk's API documents. Deterministic per
 * row and version, like {@link RecordRenderer}.
 */
final class CatalogueRenderer {

    /** The settings lists and how many records each holds. */
    static final Map<SimStream, Integer> SETTINGS = settings();

    private static final long FIXED = -1;

    private final Dataset data;

    CatalogueRenderer(Dataset data) {
        this.data = data;
    }

    private static Map<SimStream, Integer> settings() {
        Map<SimStream, Integer> counts = new LinkedHashMap<>();
        counts.put(SimStream.SKILLS, 4);
        counts.put(SimStream.PRODUCTS, 3);
        counts.put(SimStream.BUSINESS_HOURS, 2);
        counts.put(SimStream.SLA_POLICIES, 3);
        counts.put(SimStream.TICKET_FIELDS, 12);
        counts.put(SimStream.CONTACT_FIELDS, 10);
        counts.put(SimStream.COMPANY_FIELDS, 8);
        counts.put(SimStream.EMAIL_CONFIGS, 2);
        counts.put(SimStream.MAILBOXES, 2);
        counts.put(SimStream.CANNED_RESPONSE_FOLDERS, 4);
        counts.put(SimStream.SURVEYS, 2);
        counts.put(SimStream.SOLUTION_CATEGORIES, 3);
        counts.put(SimStream.SCENARIO_AUTOMATIONS, 4);
        counts.put(SimStream.DISCUSSION_CATEGORIES, 2);
        return Collections.unmodifiableMap(counts);
    }

    Map<String, Object> render(SimStream stream, int row) {
        RecordStore store = data.store(stream);
        Random fixed = Seeds.random(data.seed(), stream.ordinal(), row, FIXED, 0);
        Random state = Seeds.random(data.seed(), stream.ordinal(), row, store.version(row), 0);
        if (stream == SimStream.HELPDESK_SETTINGS) {
            return helpdeskSettings(state);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", store.id(row));
        switch (stream) {
            case SATISFACTION_RATINGS -> rating(record, row, fixed, state);
            case TIME_ENTRIES -> timeEntry(record, row, fixed, state);
            case SKILLS -> {
                record.put("name", Texts.pick(fixed, new String[]{"Billing", "Returns", "Technical", "VIP", "Spanish"})
                        + " " + (row + 1));
                record.put("rank", row + 1);
                record.put("match_type", state.nextBoolean() ? "any" : "all");
            }
            case PRODUCTS -> {
                record.put("name", "Product " + (char) ('A' + row));
                record.put("description", state.nextInt(3) == 0 ? null : "The \"" + (char) ('A' + row) + "\" line");
                record.put("primary_email", "product" + (row + 1) + "@simulated.freshdesk.com");
            }
            case BUSINESS_HOURS -> {
                record.put("name", row == 0 ? "Default" : "Weekend support");
                record.put("description", row == 0 ? "Office hours" : null);
                record.put("is_default", row == 0);
                record.put("time_zone", Texts.pick(fixed, Texts.TIME_ZONES));
                record.put("business_hours", Map.of("monday",
                        Map.of("start_time", "9:00 am", "end_time", (5 + state.nextInt(3)) + ":00 pm")));
            }
            case SLA_POLICIES -> {
                record.put("name", row == 0 ? "Default SLA Policy" : "Priority SLA " + row);
                record.put("description", null);
                record.put("active", state.nextInt(5) != 0);
                record.put("is_default", row == 0);
                record.put("position", row + 1);
                record.put("sla_target", Map.of("priority_4", Map.of("respond_within", 3600 * (1 + state.nextInt(4)),
                        "resolve_within", 14_400, "business_hours", false, "escalation_enabled", true)));
                record.put("applicable_to",
                        row == 0 ? Map.of() : Map.of("group_ids", List.of(data.store(SimStream.GROUPS).id(0))));
            }
            case TICKET_FIELDS, CONTACT_FIELDS, COMPANY_FIELDS -> field(record, stream, row, state);
            case EMAIL_CONFIGS, MAILBOXES -> {
                String email = (row == 0 ? "support" : "billing") + "@simulated.freshdesk.com";
                record.put("name", row == 0 ? "Support" : "Billing");
                record.put(stream == SimStream.MAILBOXES ? "support_email" : "to_email", email);
                record.put(stream == SimStream.MAILBOXES ? "default_reply_email" : "reply_email",
                        stream == SimStream.MAILBOXES ? (Object) Boolean.valueOf(row == 0) : email);
                record.put("group_id", data.store(SimStream.GROUPS).id(row % data.store(SimStream.GROUPS).size()));
                record.put("product_id", null);
                record.put(stream == SimStream.MAILBOXES ? "mailbox_type" : "primary_role",
                        stream == SimStream.MAILBOXES ? (Object) "freshdesk_mailbox" : Boolean.valueOf(row == 0));
                record.put("active", state.nextInt(6) != 0);
            }
            case CANNED_RESPONSE_FOLDERS -> {
                record.put("name", row == 0
                        ? "Personal"
                        : Texts.pick(fixed, new String[]{"Billing", "Shipping", "Greetings", "Bugs"}) + " " + row);
                record.put("personal", row == 0);
                record.put("responses_count", state.nextInt(20));
            }
            case SURVEYS -> {
                record.put("title", row == 0 ? "Default Survey" : "Post-resolution survey");
                record.put("active", row == 0);
                record.put("questions",
                        List.of(Map.of("id", "default_question", "label",
                                "How would you rate your overall satisfaction?",
                                "accepted_ratings", List.of(-103, -102, -101, 100, 101, 102, 103))));
            }
            case SOLUTION_CATEGORIES -> {
                record.put("name", Texts.pick(fixed, new String[]{"General", "Billing", "How-to", "Troubleshooting"})
                        + " " + (row + 1));
                record.put("description", state.nextInt(2) == 0 ? null : "Articles about this & that");
                record.put("visible_in_portals", List.of(67_000_000_001L));
            }
            case SCENARIO_AUTOMATIONS -> {
                record.put("name", Texts.pick(fixed, new String[]{"Close as duplicate", "Escalate to billing",
                        "Mark as feature request", "Send to tier 2"}) + " " + (row + 1));
                record.put("description", state.nextInt(3) == 0 ? "" : "Sets the status & group in one click");
                record.put("actions", List.of(Map.of("name", "status", "value", Integer.toString(2 + state.nextInt(4))),
                        Map.of("name", "priority", "value", Integer.toString(1 + state.nextInt(4)))));
                record.put("private", row == 0);
                // Freshdesk gives a scenario automation no timestamps
                return record;
            }
            case DISCUSSION_CATEGORIES -> {
                record.put("name", Texts.pick(fixed, new String[]{"Community", "Product ideas", "Help each other"})
                        + " " + (row + 1));
                record.put("description", state.nextInt(2) == 0 ? null : "Talk about \"this\" & that");
                record.put("position", row + 1);
            }
            default -> throw new IllegalArgumentException("not a catalogue stream: " + stream);
        }
        record.put("created_at", RecordRenderer.timestamp(store.createdAt(row)));
        record.put("updated_at", RecordRenderer.timestamp(store.updatedAt(row)));
        return record;
    }

    /** {@code settings/helpdesk}: one object, with neither id nor timestamps; a change picks other languages. */
    private static Map<String, Object> helpdeskSettings(Random state) {
        List<String> languages = List.of("en", "de", "fr", "es", "pt-BR", "ja-JP");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("primary_language", "en");
        List<String> supported = languages.subList(1, 2 + state.nextInt(languages.size() - 1));
        settings.put("supported_languages", supported);
        settings.put("portal_languages", supported.subList(0, 1 + state.nextInt(supported.size())));
        settings.put("help_widget_languages", state.nextBoolean() ? List.of() : List.of(supported.get(0)));
        return settings;
    }

    /** Child ids: a block of 100 per parent row, above the settings' own. */
    static final long CHILD_FIRST_ID = 67_000_500_001L;

    /**
     * A canned-response folder's responses or a solution category's folders: two to four per parent, made and changed
     * with it (a change of the parent changes their text and updated_at).
     */
    List<Map<String, Object>> children(SimStream parent, int parentRow) {
        RecordStore store = data.store(parent);
        Random fixed = Seeds.random(data.seed(), parent.ordinal(), parentRow, FIXED, 7);
        int count = 2 + fixed.nextInt(3);
        List<Map<String, Object>> children = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Random state = Seeds.random(data.seed(), parent.ordinal(), parentRow, store.version(parentRow), 7 + k);
            Map<String, Object> child = new LinkedHashMap<>();
            child.put("id", CHILD_FIRST_ID + (long) parent.ordinal() * 1_000_000 + (long) parentRow * 100 + k);
            if (parent == SimStream.CANNED_RESPONSE_FOLDERS) {
                child.put("title",
                        Texts.pick(fixed, new String[]{"Thanks", "Refund issued", "Password reset", "Shipping delay"})
                                + " " + (k + 1));
                child.put("folder_id", store.id(parentRow));
                child.put("visibility", state.nextInt(3));
                child.put("group_ids", List.of());
                child.put("content", "Hi {{ticket.requester.name}}, "
                        + Texts.pick(state, new String[]{"thanks for waiting.", "it's done.", "we're on it."}));
                child.put("content_html", "<p>" + child.get("content") + "</p>");
            } else if (parent == SimStream.DISCUSSION_CATEGORIES) {
                // Freshdesk gives a forum no timestamps
                child.put("name", Texts.pick(fixed, new String[]{"Announcements", "Ideas", "How-to", "Problems"})
                        + " " + (k + 1));
                child.put("description", state.nextInt(2) == 0 ? null : "Forum \"" + (k + 1) + "\"");
                child.put("position", k + 1);
                child.put("forum_category_id", store.id(parentRow));
                child.put("forum_type", 1 + k % 4);
                child.put("forum_visibility", 1 + state.nextInt(3));
                child.put("topics_count", topicCount(parentRow, k));
                child.put("comments_count", state.nextInt(200));
                children.add(child);
                continue;
            } else {
                child.put("name", Texts.pick(fixed, new String[]{"Getting started", "FAQ", "Billing", "Integrations"})
                        + " " + (k + 1));
                child.put("description", state.nextInt(2) == 0 ? null : "Folder \"" + (k + 1) + "\"");
                child.put("category_id", store.id(parentRow));
                child.put("visibility", 1 + state.nextInt(4));
            }
            child.put("created_at", RecordRenderer.timestamp(store.createdAt(parentRow)));
            child.put("updated_at", RecordRenderer.timestamp(store.updatedAt(parentRow)));
            children.add(child);
        }
        return children;
    }

    /**
     * The row of the live parent (a solution category, a discussion category) and the place in its child list that a
     * child's id stands for, or null when no live parent has that child.
     */
    private int[] childPlace(SimStream parent, long childId) {
        long offset = childId - CHILD_FIRST_ID - (long) parent.ordinal() * 1_000_000;
        RecordStore parents = data.store(parent);
        if (offset < 0 || offset >= 100L * parents.size()) {
            return null;
        }
        int row = (int) (offset / 100);
        int place = (int) (offset % 100);
        return parents.isGone(row) || place >= children(parent, row).size() ? null : new int[]{row, place};
    }

    /** How many topics the forum at this place of a discussion category has: one to four. */
    private int topicCount(int categoryRow, int place) {
        return 1 + Seeds.random(data.seed(), SimStream.DISCUSSION_CATEGORIES.ordinal(), categoryRow, FIXED, 60 + place)
                .nextInt(4);
    }

    /**
     * The topics of a forum (whose id says its category and place), or empty when there is no such forum. A topic's id
     * is its forum's times ten plus its place; its timestamps and its changes follow its category's.
     */
    Optional<List<Map<String, Object>>> topics(long forumId) {
        int[] forum = childPlace(SimStream.DISCUSSION_CATEGORIES, forumId);
        if (forum == null) {
            return Optional.empty();
        }
        RecordStore categories = data.store(SimStream.DISCUSSION_CATEGORIES);
        int row = forum[0];
        int count = topicCount(row, forum[1]);
        List<Map<String, Object>> topics = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long id = forumId * 10 + k;
            Random fixed = Seeds.random(data.seed(), SimStream.DISCUSSION_CATEGORIES.ordinal(), row, FIXED, id);
            Random state = Seeds.random(data.seed(), SimStream.DISCUSSION_CATEGORIES.ordinal(), row,
                    categories.version(row), id);
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("id", id);
            topic.put("title", Texts.pick(fixed, new String[]{"Dark mode, please", "Export to CSV fails",
                    "How do I merge tickets?", "Welcome to the community"}) + " (" + (k + 1) + ")");
            topic.put("forum_id", forumId);
            topic.put("user_id", person(fixed));
            topic.put("locked", state.nextInt(5) == 0);
            topic.put("published", true);
            topic.put("stamp_type", state.nextInt(3) == 0 ? null : 1 + state.nextInt(4));
            topic.put("replied_by", person(state));
            topic.put("user_votes", state.nextInt(30));
            topic.put("merged_topic_id", null);
            topic.put("comments_count", commentCount(id));
            topic.put("sticky", k == 0);
            topic.put("created_at", RecordRenderer.timestamp(categories.createdAt(row)));
            topic.put("updated_at", RecordRenderer.timestamp(categories.updatedAt(row)));
            topic.put("replied_at", RecordRenderer.timestamp(categories.updatedAt(row)));
            topic.put("hits", state.nextInt(5000));
            topics.add(topic);
        }
        return Optional.of(topics);
    }

    /** How many comments a topic has: one (its first post) to five. */
    private int commentCount(long topicId) {
        return 1 + Seeds.random(data.seed(), SimStream.DISCUSSION_CATEGORIES.ordinal(), topicId, FIXED, 70).nextInt(5);
    }

    /** A contact, or null in an account without any. */
    private Long person(Random random) {
        int contacts = data.initialCount(SimStream.CONTACTS);
        return contacts == 0 ? null : data.store(SimStream.CONTACTS).id(random.nextInt(contacts));
    }

    /**
     * The comments of a topic (its first post among them), or empty when there is no such topic. A comment's id is its
     * topic's times ten plus its place.
     */
    Optional<List<Map<String, Object>>> comments(long topicId) {
        long forumId = topicId / 10;
        int place = (int) (topicId % 10);
        Optional<List<Map<String, Object>>> topics = topics(forumId);
        if (topics.isEmpty() || place >= topics.get().size()) {
            return Optional.empty();
        }
        Map<String, Object> topic = topics.get().get(place);
        int count = (int) topic.get("comments_count");
        List<Map<String, Object>> comments = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long id = topicId * 10 + k;
            Random content = Seeds.random(data.seed(), SimStream.DISCUSSION_CATEGORIES.ordinal(), id, FIXED, 71);
            String text = k == 0 ? "First post of \"" + topic.get("title") + "\"" : Texts.description(content);
            Map<String, Object> comment = new LinkedHashMap<>();
            comment.put("id", id);
            comment.put("topic_id", topicId);
            comment.put("created_at", topic.get("created_at"));
            comment.put("updated_at", topic.get("updated_at"));
            comment.put("user_id", k == 0 ? topic.get("user_id") : person(content));
            comment.put("forum_id", forumId);
            comment.put("answer", k > 0 && k == count - 1 && content.nextBoolean());
            comment.put("published", true);
            comment.put("spam", false);
            comment.put("trash", false);
            comment.put("body", Texts.html(text));
            comment.put("body_text", text);
            comments.add(comment);
        }
        return Optional.of(comments);
    }

    /** The articles of a solution folder (whose id says its category and place), or empty when there is no such folder. */
    Optional<List<Map<String, Object>>> articles(long folderId) {
        long offset = folderId - CHILD_FIRST_ID - (long) SimStream.SOLUTION_CATEGORIES.ordinal() * 1_000_000;
        RecordStore categories = data.store(SimStream.SOLUTION_CATEGORIES);
        int categoryRow = (int) (offset / 100);
        int place = (int) (offset % 100);
        if (offset < 0 || categoryRow >= categories.size() || categories.isGone(categoryRow)
                || place >= children(SimStream.SOLUTION_CATEGORIES, categoryRow).size()) {
            return Optional.empty();
        }
        Random fixed = Seeds.random(data.seed(), SimStream.SOLUTION_CATEGORIES.ordinal(), categoryRow, FIXED,
                50 + place);
        int count = 1 + fixed.nextInt(4);
        List<Map<String, Object>> articles = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Random state = Seeds.random(data.seed(), SimStream.SOLUTION_CATEGORIES.ordinal(), categoryRow,
                    categories.version(categoryRow), 50 + place * 10 + k);
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("id", folderId * 10 + k);
            article.put("type", 1);
            article.put("category_id", categories.id(categoryRow));
            article.put("folder_id", folderId);
            article.put("title", Texts.pick(fixed, new String[]{"How to reset your password", "Billing FAQ",
                    "Exporting your data", "Two-factor login"}) + " (" + (k + 1) + ")");
            String text = Texts.description(state);
            article.put("description", Texts.html(text));
            article.put("description_text", text);
            article.put("status", 1 + state.nextInt(2));
            article.put("agent_id",
                    data.store(SimStream.AGENTS).id(fixed.nextInt(data.initialCount(SimStream.AGENTS))));
            article.put("tags", List.of());
            article.put("thumbs_up", state.nextInt(50));
            article.put("thumbs_down", state.nextInt(5));
            article.put("hits", state.nextInt(5000));
            article.put("created_at", RecordRenderer.timestamp(categories.createdAt(categoryRow)));
            article.put("updated_at", RecordRenderer.timestamp(categories.updatedAt(categoryRow)));
            articles.add(article);
        }
        return Optional.of(articles);
    }

    /** A CSAT answer to a ticket: the ticket whose row is proportional, its agent and group; an update changes the rating. */
    private void rating(Map<String, Object> record, int row, Random fixed, Random state) {
        int tickets = data.initialCount(SimStream.TICKETS);
        int ticketRow = tickets == 0 ? 0 : Math.min(tickets - 1, row * 4 + fixed.nextInt(4));
        record.put("survey_id", data.store(SimStream.SURVEYS).id(0));
        int contacts = data.initialCount(SimStream.CONTACTS);
        record.put("user_id", contacts == 0 ? null : data.store(SimStream.CONTACTS).id(fixed.nextInt(contacts)));
        record.put("agent_id", data.store(SimStream.AGENTS).id(fixed.nextInt(data.initialCount(SimStream.AGENTS))));
        record.put("feedback", state.nextInt(3) == 0
                ? null
                : Texts.pick(state, new String[]{"Great help, thanks!",
                        "Took too long.", "Solved on the first reply", "Not resolved 😞"}));
        record.put("group_id", data.store(SimStream.GROUPS).id(fixed.nextInt(data.initialCount(SimStream.GROUPS))));
        record.put("ticket_id", tickets == 0 ? null : data.store(SimStream.TICKETS).id(ticketRow));
        int[] scale = {-103, -102, -101, 100, 101, 102, 103};
        record.put("ratings", Map.of("default_question", scale[state.nextInt(scale.length)]));
    }

    private void timeEntry(Map<String, Object> record, int row, Random fixed, Random state) {
        int tickets = data.initialCount(SimStream.TICKETS);
        long created = data.store(SimStream.TIME_ENTRIES).createdAt(row);
        record.put("billable", state.nextInt(3) != 0);
        record.put("note", state.nextInt(2) == 0 ? "" : "Call with the customer");
        record.put("timer_running", false);
        record.put("agent_id", data.store(SimStream.AGENTS).id(fixed.nextInt(data.initialCount(SimStream.AGENTS))));
        record.put("ticket_id",
                tickets == 0
                        ? null
                        : data.store(SimStream.TICKETS).id(Math.min(tickets - 1, row * 3 + fixed.nextInt(3))));
        int minutes = 5 + state.nextInt(180);
        record.put("time_spent", String.format("%02d:%02d", minutes / 60, minutes % 60));
        record.put("executed_at", RecordRenderer.timestamp(created));
        record.put("start_time", RecordRenderer.timestamp(created));
    }

    /** A field definition: the first ones are Freshdesk's own, the rest the account's cf_ fields. */
    private void field(Map<String, Object> record, SimStream stream, int row, Random state) {
        String[] builtIn = stream == SimStream.TICKET_FIELDS
                ? new String[]{"requester", "subject", "ticket_type", "status", "priority"}
                : stream == SimStream.CONTACT_FIELDS
                        ? new String[]{"name", "email", "phone", "company_name"}
                        : new String[]{"name", "description", "domains"};
        String[] custom = stream == SimStream.TICKET_FIELDS
                ? new String[]{"cf_order_number", "cf_refund_amount", "cf_is_vip", "cf_region", "cf_contract_seats",
                        "cf_old_field", "cf_notes"}
                : stream == SimStream.CONTACT_FIELDS
                        ? new String[]{"cf_customer_tier", "cf_newsletter", "cf_lifetime_value", "cf_signup_source",
                                "cf_old_field", "cf_notes"}
                        : new String[]{"cf_plan", "cf_seats", "cf_strategic", "cf_old_field", "cf_notes"};
        boolean isDefault = row < builtIn.length;
        String name = isDefault ? builtIn[row] : custom[(row - builtIn.length) % custom.length];
        String type = isDefault
                ? "default_" + name
                : name.endsWith("amount") || name.endsWith("value")
                        ? "custom_decimal"
                        : name.endsWith("seats")
                                ? "custom_number"
                                : name.startsWith("cf_is") || name.endsWith("newsletter") || name.endsWith("strategic")
                                        ? "custom_checkbox"
                                        : name.endsWith("region") || name.endsWith("tier") || name.endsWith("plan")
                                                || name.endsWith("source")
                                                        ? "custom_dropdown"
                                                        : name.endsWith("notes") ? "custom_paragraph" : "custom_text";
        record.put("name", name);
        record.put("label", name.replace("cf_", "").replace('_', ' '));
        record.put("type", type);
        record.put("position", row + 1);
        record.put("default", isDefault);
        record.put("required_for_agents", state.nextInt(4) == 0);
        record.put("choices", type.equals("custom_dropdown") ? List.of("EMEA", "APAC", "AMER") : List.of());
    }
}
