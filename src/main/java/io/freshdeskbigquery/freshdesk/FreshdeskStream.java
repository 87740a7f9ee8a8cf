package io.freshdeskbigquery.freshdesk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;

import static io.freshdeskbigquery.table.Column.ColumnType.BIGINT;
import static io.freshdeskbigquery.table.Column.ColumnType.BOOLEAN;
import static io.freshdeskbigquery.table.Column.ColumnType.INTEGER;
import static io.freshdeskbigquery.table.Column.ColumnType.JSON;
import static io.freshdeskbigquery.table.Column.ColumnType.TIMESTAMP;
import static io.freshdeskbigquery.table.Column.ColumnType.VARCHAR;

/**
 * The Freshdesk lists this loader knows, one declaration each: where it lives, how it is filtered incrementally
 * (or read whole), its order, the per-minute limit it counts against, and the core fields that get typed columns
 * (everything else stays in the record's JSON column). The route template, the rate budget and the tests take
 * what they need from here; nothing switches over stream names.
 */
public enum FreshdeskStream {

    /** Keyset paging: {@code updated_since} + {@code order_by=updated_at&order_type=asc}. */
    TICKETS("tickets", "updated_since", "order_by=updated_at&order_type=asc", true, ListLimit.TICKETS_LIST, Schedules.EVERY_15_MINUTES, List.of(
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
            new Column("custom_fields", JSON))),

    /**
     * {@code _updated_since}. Freshdesk does not document the order of this list, so the loader checks
     * it page by page: ordered pages move the cursor as they land, an unordered answer turns the run
     * into a sweep whose cursor moves only at its end.
     */
    CONTACTS("contacts", "_updated_since", "", true, ListLimit.CONTACTS_LIST, Schedules.EVERY_15_MINUTES, List.of(
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
            new Column("custom_fields", JSON))),

    /** No incremental filter: read whole every run; unchanged records are dropped by their key. */
    COMPANIES("companies", null, "", false, ListLimit.ACCOUNT, Schedules.EVERY_15_MINUTES, List.of(
            new Column("name", VARCHAR),
            new Column("description", VARCHAR),
            new Column("domains", JSON),
            new Column("industry", VARCHAR),
            new Column("created_at", TIMESTAMP),
            new Column("custom_fields", JSON))),

    /** The support team ({@code agents}): a full list, read whole every run, like companies. */
    AGENTS("agents", null, "", false, ListLimit.ACCOUNT, Schedules.DAILY, List.of(
            new Column("available", BOOLEAN),
            new Column("occasional", BOOLEAN),
            new Column("ticket_scope", INTEGER),
            new Column("type", VARCHAR),
            new Column("group_ids", JSON),
            new Column("role_ids", JSON),
            new Column("contact", JSON),
            new Column("created_at", TIMESTAMP))),

    /** Agent groups: a full list. */
    GROUPS("groups", null, "", false, ListLimit.ACCOUNT, Schedules.DAILY, List.of(
            new Column("name", VARCHAR),
            new Column("description", VARCHAR),
            new Column("escalate_to", BIGINT),
            new Column("unassigned_for", VARCHAR),
            new Column("business_hour_id", BIGINT),
            new Column("group_type", VARCHAR),
            new Column("agent_ids", JSON),
            new Column("created_at", TIMESTAMP))),

    /** Agent roles: a full list (needs an administrator's key). */
    ROLES("roles", null, "", false, ListLimit.ACCOUNT, Schedules.DAILY, List.of(
            new Column("name", VARCHAR),
            new Column("description", VARCHAR),
            new Column("default", BOOLEAN),
            new Column("created_at", TIMESTAMP)));

    /** Default schedules ({@link #defaultSchedule()}). */
    private static final class Schedules {
        static final String EVERY_15_MINUTES = "0 0/15 * * * ?";
        static final String DAILY = "0 30 2 * * ?";
    }

    /** Which per-minute limit a list's requests count against, besides the account's. */
    public enum ListLimit {
        /** Only the account's budget. */
        ACCOUNT,
        /** The tickets list's own limit ({@code freshdesk.rate-limit.tickets-list-per-minute}). */
        TICKETS_LIST,
        /** The contacts list's own limit ({@code freshdesk.rate-limit.contacts-list-per-minute}). */
        CONTACTS_LIST
    }

    private final String streamName;
    private final String sinceParameter;
    private final String orderParameters;
    private final boolean incremental;
    private final ListLimit listLimit;
    private final String defaultSchedule;
    private final List<Column> columns;

    FreshdeskStream(String streamName, String sinceParameter, String orderParameters, boolean incremental,
            ListLimit listLimit, String defaultSchedule, List<Column> columns) {
        this.streamName = streamName;
        this.sinceParameter = sinceParameter;
        this.orderParameters = orderParameters;
        this.incremental = incremental;
        this.listLimit = listLimit;
        this.defaultSchedule = defaultSchedule;
        this.columns = columns;
    }

    /**
     * The Quartz cron a stream runs on when neither {@code sync.<stream>.schedule} nor {@code sync.schedule} is set:
     * lists that change all day every 15 minutes, the account's settings and people (dimensions) once a day.
     */
    public String defaultSchedule() {
        return defaultSchedule;
    }

    /** The per-minute limit this list's requests count against, besides the account's. */
    public ListLimit listLimit() {
        return listLimit;
    }

    /** The stream's name in configuration and the destination's table name. */
    public String streamName() {
        return streamName;
    }

    /** The list's path under the API base URL. */
    public String path() {
        return streamName;
    }

    /** True when Freshdesk can filter the list by update time, so a run asks only for what changed. */
    public boolean incremental() {
        return incremental;
    }

    public String sinceParameter() {
        return sinceParameter;
    }

    public String orderParameters() {
        return orderParameters;
    }

    /** Typed core columns, besides {@code id}, {@code updated_at} and the bookkeeping columns. */
    public List<Column> columns() {
        return columns;
    }

    /** The destination tables of this stream. */
    public StreamTable table() {
        return new StreamTable(streamName, columns);
    }

    public static Optional<FreshdeskStream> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.streamName.equals(name.trim())).findFirst();
    }

    public static FreshdeskStream require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("Unknown stream '" + name
                + "' in sync.streams; supported streams: " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(FreshdeskStream::streamName).collect(Collectors.joining(", "));
    }
}
