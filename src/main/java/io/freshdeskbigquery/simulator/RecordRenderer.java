package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Turns a row of a {@link RecordStore} into the JSON object Freshdesk would send, as a map in
 * Freshdesk's field order. Content comes from two random sources: one fixed per record (subject,
 * requester, name: what never changes) and one per version (status, tags, custom field values: what
 * an update changes). Rendering the same row and version twice gives the same map.
 */
final class RecordRenderer {

    /** Values of {@code include} the tickets list accepts. */
    static final List<String> TICKET_INCLUDES = List.of("requester", "stats", "description", "company");

    /** The version number of the random source for what never changes. */
    private static final long FIXED = -1;
    // Separate random sources per purpose, so that e.g. sorting by status never disturbs the content.
    private static final int CONTENT = 0;
    private static final int STATUS = 1;
    private static final int DUE_BY = 2;
    private static final int FIRST_RESPONSE_DUE_BY = 3;
    private static final int CONTACT_COMPANY = 4;
    private static final int[] SOURCES = {1, 1, 1, 1, 2, 2, 3, 7, 9, 10};
    private static final long[] EMAIL_CONFIG_IDS = {67_000_044_851L, 67_000_044_852L};

    private final Dataset data;

    private final CatalogueRenderer catalogue;

    RecordRenderer(Dataset data) {
        this.data = data;
        this.catalogue = new CatalogueRenderer(data);
    }

    Map<String, Object> render(SimStream stream, int row, Set<String> includes) {
        return switch (stream) {
            case TICKETS -> ticket(row, includes);
            case CONTACTS -> contact(row);
            case COMPANIES -> company(row);
            case AGENTS -> agent(row);
            case GROUPS -> group(row);
            case ROLES -> role(row);
            default -> catalogue.render(stream, row);
        };
    }

    // ---- values lists are sorted by: cheap, without rendering the whole record ----

    /** 2 open, 3 pending, 4 resolved, 5 closed. A new ticket starts open; old ones are mostly closed. */
    int ticketStatus(int row) {
        return ticketStatus(row, data.store(SimStream.TICKETS).version(row));
    }

    /** The status of a ticket's version {@code version} (its history: {@link TicketActivities}). */
    int ticketStatus(int row, int version) {
        if (version == 0 && row >= data.initialCount(SimStream.TICKETS)) {
            return 2;
        }
        int roll = random(SimStream.TICKETS, row, version, STATUS).nextInt(100);
        return roll < 15 ? 2 : roll < 25 ? 3 : roll < 50 ? 4 : 5;
    }

    long ticketDueBy(int row) {
        int[] hours = {4, 8, 24, 48, 72};
        return data.store(SimStream.TICKETS).createdAt(row)
                + 3600L * hours[random(SimStream.TICKETS, row, FIXED, DUE_BY).nextInt(5)];
    }

    private long ticketFirstResponseDueBy(int row) {
        return data.store(SimStream.TICKETS).createdAt(row)
                + 3600L * (1 + random(SimStream.TICKETS, row, FIXED, FIRST_RESPONSE_DUE_BY).nextInt(24));
    }

    /** The child list of a parent record: a ticket's conversations, a folder's canned responses, a category's folders. */
    List<Map<String, Object>> children(SimStream parent, int parentRow) {
        return parent == SimStream.TICKETS ? conversations(parentRow) : catalogue.children(parent, parentRow);
    }

    /** A solution folder's articles, or empty when no live category has that folder. */
    Optional<List<Map<String, Object>>> articles(long folderId) {
        return catalogue.articles(folderId);
    }

    /** A discussion forum's topics, or empty when no live category has that forum. */
    Optional<List<Map<String, Object>>> topics(long forumId) {
        return catalogue.topics(forumId);
    }

    /** A discussion topic's comments, or empty when there is no such topic. */
    Optional<List<Map<String, Object>>> comments(long topicId) {
        return catalogue.comments(topicId);
    }

    // ---- conversations (tickets/{id}/conversations) ----

    /** Conversation ids: a block of {@value #CONVERSATIONS_PER_TICKET} per ticket row, above every other id. */
    static final long CONVERSATION_FIRST_ID = 68_000_000_000L;
    static final int CONVERSATIONS_PER_TICKET = 64;
    private static final int CONVERSATION = 5;

    /**
     * A ticket's replies and notes as they stand: one to three from its start, one more for every update of the
     * ticket (up to 40), and from its second update on, its first reply shows an edit ({@code last_edited_at} and a
     * new text, with {@code updated_at} unchanged, as Freshdesk does).
     */
    List<Map<String, Object>> conversations(int ticketRow) {
        RecordStore tickets = data.store(SimStream.TICKETS);
        long created = tickets.createdAt(ticketRow);
        long updated = tickets.updatedAt(ticketRow);
        int version = tickets.version(ticketRow);
        Random fixed = random(SimStream.TICKETS, ticketRow, FIXED, CONVERSATION);
        int count = Math.min(40, 1 + fixed.nextInt(3) + version);
        int requesterRow = random(SimStream.TICKETS, ticketRow, FIXED).nextInt(data.initialCount(SimStream.CONTACTS));
        List<Map<String, Object>> conversations = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Random content = Seeds.random(data.seed(), SimStream.TICKETS.ordinal(), ticketRow, k, CONVERSATION);
            boolean incoming = k % 2 == 0;
            boolean note = !incoming && content.nextInt(3) == 0;
            long at = Math.min(updated, created + 900L * (k + 1));
            boolean edited = k == 0 && version >= 2;
            String text = Texts.description(content) + (edited ? " (edited)" : "");
            long agentId = idOf(SimStream.AGENTS, content.nextInt(data.initialCount(SimStream.AGENTS)));
            Map<String, Object> conversation = new LinkedHashMap<>();
            conversation.put("body", Texts.html(text));
            conversation.put("body_text", text);
            conversation.put("id", CONVERSATION_FIRST_ID + (long) ticketRow * CONVERSATIONS_PER_TICKET + k);
            conversation.put("incoming", incoming);
            conversation.put("private", note);
            conversation.put("user_id", incoming ? idOf(SimStream.CONTACTS, requesterRow) : agentId);
            conversation.put("support_email", note ? null : "support@simulated.freshdesk.com");
            conversation.put("source", note ? 2 : 0);
            conversation.put("category", incoming ? 3 : 2);
            conversation.put("to_emails",
                    note ? List.of() : List.of(incoming ? "support@simulated.freshdesk.com" : "customer@example.com"));
            conversation.put("from_email",
                    note ? null : incoming ? "customer@example.com" : "support@simulated.freshdesk.com");
            conversation.put("cc_emails", List.of());
            conversation.put("bcc_emails", List.of());
            conversation.put("ticket_id", tickets.id(ticketRow));
            conversation.put("attachments", List.of());
            conversation.put("created_at", timestamp(at));
            conversation.put("updated_at", timestamp(at));
            conversation.put("last_edited_at", edited ? timestamp(updated) : null);
            conversation.put("last_edited_user_id", edited ? agentId : null);
            conversations.add(conversation);
        }
        return conversations;
    }

    // ---- tickets ----

    private Map<String, Object> ticket(int row, Set<String> includes) {
        RecordStore tickets = data.store(SimStream.TICKETS);
        long created = tickets.createdAt(row);
        long updated = tickets.updatedAt(row);
        Random fixed = random(SimStream.TICKETS, row, FIXED);
        Random state = random(SimStream.TICKETS, row, tickets.version(row));

        int requesterRow = fixed.nextInt(data.initialCount(SimStream.CONTACTS));
        int companyRow = contactCompanyRow(requesterRow);
        int source = SOURCES[fixed.nextInt(SOURCES.length)];
        String subject = Texts.subject(fixed);
        String descriptionText = Texts.description(fixed);
        Long emailConfigId = source == 3 ? null : EMAIL_CONFIG_IDS[fixed.nextInt(EMAIL_CONFIG_IDS.length)];
        String supportEmail = emailConfigId == null
                ? null
                : emailConfigId == EMAIL_CONFIG_IDS[0]
                        ? "support@simulated.freshdesk.com"
                        : "billing@simulated.freshdesk.com";
        String type = fixed.nextInt(5) == 0 ? null : Texts.pick(fixed, Texts.TICKET_TYPES);
        String orderNumber = fixed.nextBoolean() ? "ORD-" + (100_000 + fixed.nextInt(900_000)) : null;
        boolean vip = fixed.nextInt(8) == 0;

        int status = ticketStatus(row);
        Assignment assignment = assignment(state);
        int priority = assignment.priority();
        Long responderId = assignment.responderId();
        Long groupId = assignment.groupId();

        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("cc_emails", emails(state, 3));
        ticket.put("fwd_emails", emails(state, 1));
        ticket.put("reply_cc_emails", emails(state, 2));
        ticket.put("ticket_cc_emails", emails(state, 2));
        ticket.put("fr_escalated", state.nextInt(12) == 0);
        ticket.put("spam", tickets.isSpam(row));
        ticket.put("email_config_id", emailConfigId);
        ticket.put("group_id", groupId);
        ticket.put("priority", priority);
        ticket.put("requester_id", idOf(SimStream.CONTACTS, requesterRow));
        ticket.put("responder_id", responderId);
        ticket.put("source", source);
        ticket.put("company_id", companyRow < 0 ? null : idOf(SimStream.COMPANIES, companyRow));
        ticket.put("status", status);
        ticket.put("subject", subject);
        ticket.put("association_type", null);
        ticket.put("support_email", supportEmail);
        ticket.put("to_emails", supportEmail == null ? null : List.of(supportEmail));
        ticket.put("product_id", null);
        ticket.put("id", tickets.id(row));
        ticket.put("type", type);
        ticket.put("due_by", timestamp(ticketDueBy(row)));
        ticket.put("fr_due_by", timestamp(ticketFirstResponseDueBy(row)));
        ticket.put("is_escalated", (status == 2 || status == 3) && state.nextInt(6) == 0);
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("cf_order_number", orderNumber);
        custom.put("cf_refund_amount", state.nextInt(3) == 0 ? Math.round(state.nextDouble() * 50_000) / 100.0 : null);
        custom.put("cf_is_vip", vip);
        custom.put("cf_region", state.nextInt(4) == 0 ? null : Texts.pick(state, new String[]{"EMEA", "APAC", "AMER"}));
        custom.put("cf_contract_seats", state.nextBoolean() ? 1 + state.nextInt(500) : null);
        ticket.put("custom_fields", custom);
        ticket.put("created_at", timestamp(created));
        ticket.put("updated_at", timestamp(updated));
        ticket.put("associated_tickets_count", null);
        ticket.put("tags", tags(state));
        ticket.put("nr_due_by", null);
        ticket.put("nr_escalated", false);
        ticket.put("structured_description", null);
        if (includes.contains("description")) {
            // the list leaves the description out unless include=description asks for it (two more credits)
            ticket.put("description", Texts.html(descriptionText));
            ticket.put("description_text", descriptionText);
        }
        if (tickets.isDeleted(row)) {
            ticket.put("deleted", true);
        }
        if (includes.contains("stats")) {
            ticket.put("stats", stats(state, status, created, updated, responderId != null));
        }
        if (includes.contains("requester")) {
            Map<String, Object> contact = contact(requesterRow);
            Map<String, Object> requester = new LinkedHashMap<>();
            for (String field : List.of("id", "name", "email", "mobile", "phone")) {
                requester.put(field, contact.get(field));
            }
            ticket.put("requester", requester);
        }
        if (includes.contains("company")) {
            ticket.put("company", companyRow < 0
                    ? null
                    : Map.of("id", idOf(SimStream.COMPANIES, companyRow),
                            "name", company(companyRow).get("name")));
        }
        return ticket;
    }

    /** What a ticket's version sets besides its status: its priority, agent and group. */
    record Assignment(int priority, Long responderId, Long groupId) {
    }

    /** The priority, agent and group of a ticket's version {@code version}. */
    Assignment ticketAssignment(int row, int version) {
        return assignment(random(SimStream.TICKETS, row, version));
    }

    /** The first draws of a version's random source (a ticket's rendering goes on drawing from it). */
    private Assignment assignment(Random state) {
        int priority = 1 + state.nextInt(4);
        Long responderId = state.nextInt(5) == 0
                ? null
                : idOf(SimStream.AGENTS, state.nextInt(data.initialCount(SimStream.AGENTS)));
        Long groupId = state.nextInt(7) == 0
                ? null
                : idOf(SimStream.GROUPS, state.nextInt(data.initialCount(SimStream.GROUPS)));
        return new Assignment(priority, responderId, groupId);
    }

    private Map<String, Object> stats(Random state, int status, long created, long updated, boolean responded) {
        long span = updated - created;
        Map<String, Object> stats = new LinkedHashMap<>();
        String firstResponse = responded && span > 0
                ? timestamp(created + (long) (span * state.nextDouble() * 0.3))
                : null;
        stats.put("agent_responded_at", responded ? timestamp(updated) : null);
        stats.put("requester_responded_at", span > 0 && state.nextBoolean() ? timestamp(created + span / 2) : null);
        stats.put("first_responded_at", firstResponse);
        stats.put("status_updated_at", timestamp(updated));
        stats.put("reopened_at", state.nextInt(20) == 0 && span > 0 ? timestamp(created + span / 3) : null);
        stats.put("resolved_at", status >= 4 ? timestamp(updated) : null);
        stats.put("closed_at", status == 5 ? timestamp(updated) : null);
        stats.put("pending_since", status == 3 ? timestamp(updated) : null);
        return stats;
    }

    // ---- contacts ----

    /** The company a contact belongs to, or -1 for a quarter of contacts (and when there are no companies). */
    private int contactCompanyRow(int contactRow) {
        int companies = data.initialCount(SimStream.COMPANIES);
        Random random = random(SimStream.CONTACTS, contactRow, FIXED, CONTACT_COMPANY);
        return companies == 0 || random.nextInt(4) == 0 ? -1 : random.nextInt(companies);
    }

    private Map<String, Object> contact(int row) {
        RecordStore contacts = data.store(SimStream.CONTACTS);
        Random fixed = random(SimStream.CONTACTS, row, FIXED);
        Random state = random(SimStream.CONTACTS, row, contacts.version(row));
        String[] name = Texts.personName(fixed);
        int companyRow = contactCompanyRow(row);
        String domain = companyRow < 0
                ? "mail.example.org"
                : Texts.domainFor((String) company(companyRow).get("name"), idOf(SimStream.COMPANIES, companyRow));
        String email = name[1] + "." + (row + 1) + "@" + domain;
        String phone = fixed.nextInt(3) == 0 ? null : "+1 555 " + (1000 + fixed.nextInt(9000));

        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("active", state.nextInt(10) != 0);
        contact.put("address",
                fixed.nextInt(4) == 0 ? "Hauptstraße " + (1 + fixed.nextInt(200)) + ", 10115 Berlin" : null);
        contact.put("company_id", companyRow < 0 ? null : idOf(SimStream.COMPANIES, companyRow));
        contact.put("description",
                state.nextInt(5) == 0 ? "Prefers \"phone\" over e-mail; don't call before 9am." : null);
        contact.put("email", email);
        contact.put("id", contacts.id(row));
        contact.put("job_title", state.nextInt(3) == 0 ? null : Texts.pick(state, Texts.JOB_TITLES));
        contact.put("language", Texts.pick(fixed, Texts.LANGUAGES));
        contact.put("mobile", fixed.nextInt(2) == 0 ? null : "+44 7700 " + (100_000 + fixed.nextInt(900_000)));
        contact.put("name", name[0]);
        contact.put("phone", phone);
        contact.put("time_zone", Texts.pick(fixed, Texts.TIME_ZONES));
        contact.put("twitter_id", fixed.nextInt(10) == 0 ? "@" + name[1].replace(".", "_") : null);
        contact.put("other_emails", fixed.nextInt(6) == 0 ? List.of(name[1] + "@private.example.net") : List.of());
        contact.put("facebook_id", null);
        contact.put("unique_external_id", fixed.nextInt(3) == 0 ? "crm-" + contacts.id(row) : null);
        contact.put("view_all_tickets", companyRow >= 0 && fixed.nextInt(5) == 0);
        contact.put("tags", tags(state));
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("cf_customer_tier", Texts.pick(state, new String[]{"gold", "silver", "bronze", null}));
        custom.put("cf_newsletter", state.nextBoolean());
        custom.put("cf_lifetime_value",
                state.nextInt(3) == 0 ? null : Math.round(state.nextDouble() * 1_000_000) / 100.0);
        custom.put("cf_signup_source", Texts.pick(fixed, new String[]{"web", "app", "sales", "partner"}));
        contact.put("custom_fields", custom);
        contact.put("csat_rating", state.nextInt(4) == 0 ? 103 : null);
        contact.put("preferred_source", "email");
        contact.put("created_at", timestamp(contacts.createdAt(row)));
        contact.put("updated_at", timestamp(contacts.updatedAt(row)));
        if (contacts.isDeleted(row)) {
            contact.put("deleted", true);
        }
        return contact;
    }

    // ---- companies, agents, groups, roles ----

    private Map<String, Object> company(int row) {
        RecordStore companies = data.store(SimStream.COMPANIES);
        Random fixed = random(SimStream.COMPANIES, row, FIXED);
        Random state = random(SimStream.COMPANIES, row, companies.version(row));
        String name = Texts.companyName(fixed) + " #" + (row + 1);
        long id = companies.id(row);

        Map<String, Object> company = new LinkedHashMap<>();
        company.put("id", id);
        company.put("name", name);
        company.put("description", state.nextInt(3) == 0 ? null : "Customer since the \"early days\"; key account ⭐");
        company.put("note", state.nextInt(4) == 0 ? "Renewal talks\nstarted" : null);
        List<String> domains = new ArrayList<>();
        domains.add(Texts.domainFor(name, id));
        if (fixed.nextInt(4) == 0) {
            domains.add("mail." + Texts.domainFor(name, id));
        }
        company.put("domains", domains);
        company.put("created_at", timestamp(companies.createdAt(row)));
        company.put("updated_at", timestamp(companies.updatedAt(row)));
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("cf_plan", Texts.pick(state, new String[]{"growth", "pro", "enterprise", null}));
        custom.put("cf_seats", state.nextInt(5) == 0 ? null : 1 + state.nextInt(2000));
        custom.put("cf_strategic", state.nextInt(6) == 0);
        company.put("custom_fields", custom);
        company.put("health_score", Texts.pick(state, new String[]{"Happy", "Doing okay", "At risk", null}));
        company.put("account_tier", Texts.pick(state, new String[]{"Basic", "Premium", "Enterprise"}));
        company.put("renewal_date",
                state.nextBoolean()
                        ? timestamp(companies.createdAt(row) + 365L * 86_400 * (1 + state.nextInt(4)))
                        : null);
        company.put("industry", Texts.pick(fixed, Texts.INDUSTRIES));
        return company;
    }

    private Map<String, Object> agent(int row) {
        RecordStore agents = data.store(SimStream.AGENTS);
        Random fixed = random(SimStream.AGENTS, row, FIXED);
        Random state = random(SimStream.AGENTS, row, agents.version(row));
        String[] name = Texts.personName(fixed);
        String created = timestamp(agents.createdAt(row));
        String updated = timestamp(agents.updatedAt(row));

        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("active", true);
        contact.put("email", name[1] + "@simulated.freshdesk.com");
        contact.put("job_title", "Support Agent");
        contact.put("language", "en");
        contact.put("last_login_at", updated);
        contact.put("mobile", null);
        contact.put("name", name[0]);
        contact.put("phone", null);
        contact.put("time_zone", Texts.pick(fixed, Texts.TIME_ZONES));
        contact.put("created_at", created);
        contact.put("updated_at", updated);

        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("available", state.nextBoolean());
        agent.put("occasional", row == 0 ? false : fixed.nextInt(6) == 0);
        agent.put("id", agents.id(row));
        agent.put("ticket_scope", 1 + fixed.nextInt(3));
        agent.put("signature", "<div><p>Best, " + name[0] + "</p></div>");
        agent.put("group_ids", List.of(idOf(SimStream.GROUPS, row % data.initialCount(SimStream.GROUPS))));
        // the first agent is the account's administrator, the others agents
        agent.put("role_ids",
                List.of(idOf(SimStream.ROLES, row == 0 ? 0 : Math.min(2, data.initialCount(SimStream.ROLES) - 1))));
        agent.put("skill_ids", List.of());
        agent.put("available_since", null);
        agent.put("contact", contact);
        agent.put("created_at", created);
        agent.put("updated_at", updated);
        agent.put("type", "support_agent");
        return agent;
    }

    private Map<String, Object> group(int row) {
        RecordStore groups = data.store(SimStream.GROUPS);
        Random fixed = random(SimStream.GROUPS, row, FIXED);
        List<Long> agentIds = new ArrayList<>();
        for (int agentRow = 0; agentRow < data.initialCount(SimStream.AGENTS); agentRow++) {
            if (agentRow % data.initialCount(SimStream.GROUPS) == row) {
                agentIds.add(idOf(SimStream.AGENTS, agentRow));
            }
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", groups.id(row));
        group.put("name",
                Texts.GROUP_NAMES[row % Texts.GROUP_NAMES.length] + (row < Texts.GROUP_NAMES.length ? "" : " " + row));
        group.put("description", fixed.nextBoolean() ? null : "Handles " + Texts.pick(fixed, Texts.TAGS) + " tickets");
        group.put("escalate_to", agentIds.isEmpty() ? null : agentIds.get(0));
        group.put("unassigned_for", Texts.pick(fixed, new String[]{"30m", "1h", "2h", null}));
        group.put("business_hour_id", null);
        group.put("group_type", "support_agent_group");
        group.put("created_at", timestamp(groups.createdAt(row)));
        group.put("updated_at", timestamp(groups.updatedAt(row)));
        group.put("auto_ticket_assign", fixed.nextInt(2));
        group.put("agent_ids", agentIds);
        return group;
    }

    private Map<String, Object> role(int row) {
        RecordStore roles = data.store(SimStream.ROLES);
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("id", roles.id(row));
        role.put("name",
                Texts.ROLE_NAMES[row % Texts.ROLE_NAMES.length] + (row < Texts.ROLE_NAMES.length ? "" : " " + row));
        role.put("description", "Can " + Texts.ROLE_DUTIES[row % Texts.ROLE_DUTIES.length]);
        role.put("default", row < Texts.ROLE_NAMES.length);
        role.put("created_at", timestamp(roles.createdAt(row)));
        role.put("updated_at", timestamp(roles.updatedAt(row)));
        return role;
    }

    // ---- helpers ----

    private List<String> emails(Random random, int max) {
        int count = random.nextInt(4) == 0 ? 1 + random.nextInt(max) : 0;
        List<String> emails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            emails.add(Texts.personName(random)[1] + "@cc.example.com");
        }
        return emails;
    }

    private List<String> tags(Random random) {
        int count = random.nextInt(4);
        List<String> tags = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String tag = Texts.pick(random, Texts.TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private long idOf(SimStream stream, int row) {
        return data.store(stream).id(row);
    }

    private Random random(SimStream stream, int row, long version) {
        return random(stream, row, version, CONTENT);
    }

    private Random random(SimStream stream, int row, long version, int purpose) {
        return Seeds.random(data.seed(), stream.ordinal(), row, version, purpose);
    }

    static String timestamp(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
