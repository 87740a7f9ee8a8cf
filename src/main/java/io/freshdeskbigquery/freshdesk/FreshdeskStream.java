package io.freshdeskbigquery.freshdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;

import static io.freshdeskbigquery.table.Column.ColumnType.TIMESTAMP;

/**
 * The declaration of one Freshdesk list: where it lives, how it is filtered incrementally (or read whole), its
 * order, how far back a run reads again (lookback), the per-minute limit it counts against, its default schedule,
 * the stream it hangs off (a child stream, read per parent record) and the core fields that get typed columns
 * (everything else stays in the record's JSON column). The route template, the rate budget, the settings and the
 * tests take what they need from it; nothing switches over stream names.
 * <p>
 * A declaration reads as a sentence: {@code list("tickets").updatedSince("updated_since").ordered(...)}. The streams
 * this loader knows are declared in {@link FreshdeskCatalogue}; a declaration not in it (a test's own) is built the
 * same way.
 */
public final class FreshdeskStream {

    /**
     * The column of a ticket or contact that says when the loader first loaded it deleted (or as spam): set on the
     * row of a deleted version, empty again on the row of a restored one.
     */
    public static final String DELETED_AT = "_deleted_at";

    /** The default schedule of a list: lists that change all day are read every 15 minutes. */
    private static final String EVERY_15_MINUTES = "0 0/15 * * * ?";

    /** Which per-minute limit a list's requests count against, besides the account's. */
    public enum ListLimit {
        /** Only the account's budget. */
        ACCOUNT,
        /** The tickets list's own limit ({@code freshdesk.rate-limit.tickets-list-per-minute}). */
        TICKETS_LIST,
        /** The contacts list's own limit ({@code freshdesk.rate-limit.contacts-list-per-minute}). */
        CONTACTS_LIST
    }

    // set by the builder methods on a fresh copy, never changed after
    private String streamName;
    private String path;
    private String sinceParameter;
    private String orderParameters = "";
    private String filterParameters = "";
    private Duration lookback = Duration.ZERO;
    private ListLimit listLimit = ListLimit.ACCOUNT;
    private String defaultSchedule = EVERY_15_MINUTES;
    private FreshdeskStream parent;
    private FreshdeskStream into;
    private FreshdeskStream fieldsOf;
    private String editedField;
    private String permission;
    private boolean oneObject;
    private boolean stampedWhenRead;
    private boolean exportedDaily;
    private List<Column> columns = List.of();

    private FreshdeskStream() {
    }

    private FreshdeskStream copy() {
        FreshdeskStream copy = new FreshdeskStream();
        copy.streamName = streamName;
        copy.path = path;
        copy.sinceParameter = sinceParameter;
        copy.orderParameters = orderParameters;
        copy.filterParameters = filterParameters;
        copy.lookback = lookback;
        copy.listLimit = listLimit;
        copy.defaultSchedule = defaultSchedule;
        copy.parent = parent;
        copy.into = into;
        copy.fieldsOf = fieldsOf;
        copy.editedField = editedField;
        copy.permission = permission;
        copy.oneObject = oneObject;
        copy.stampedWhenRead = stampedWhenRead;
        copy.exportedDaily = exportedDaily;
        copy.columns = columns;
        return copy;
    }

    /** A list at {@code /api/v2/<name>}, read whole every run, counted against the account's budget, every 15 minutes. */
    public static FreshdeskStream list(String name) {
        FreshdeskStream stream = new FreshdeskStream();
        stream.streamName = name;
        stream.path = name;
        return stream;
    }

    /** Served at this path under {@code /api/v2/} instead of its name (e.g. {@code surveys/satisfaction_ratings}). */
    public FreshdeskStream at(String apiPath) {
        FreshdeskStream copy = copy();
        copy.path = apiPath;
        return copy;
    }

    /** Filtered by update time with this query parameter: a run asks only for what changed since its cursor. */
    public FreshdeskStream updatedSince(String parameter) {
        FreshdeskStream copy = copy();
        copy.sinceParameter = Objects.requireNonNull(parameter);
        return copy;
    }

    /** Asked in this order (query parameters), e.g. {@code order_by=updated_at&order_type=asc}. */
    public FreshdeskStream ordered(String parameters) {
        FreshdeskStream copy = copy();
        copy.orderParameters = parameters;
        return copy;
    }

    /** Asked with these query parameters besides the paging and the incremental filter, e.g. {@code filter=deleted}. */
    public FreshdeskStream filtered(String parameters) {
        FreshdeskStream copy = copy();
        copy.filterParameters = parameters;
        return copy;
    }

    /**
     * Every run reads this far back before its cursor again: for records that change after they were first loaded
     * without their change moving them past the cursor (satisfaction ratings are filtered by creation time).
     */
    public FreshdeskStream lookback(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("a lookback cannot be negative: " + window);
        }
        FreshdeskStream copy = copy();
        copy.lookback = window;
        return copy;
    }

    public FreshdeskStream limit(ListLimit limit) {
        FreshdeskStream copy = copy();
        copy.listLimit = limit;
        return copy;
    }

    public FreshdeskStream every(String cron) {
        FreshdeskStream copy = copy();
        copy.defaultSchedule = cron;
        return copy;
    }

    /**
     * A child stream: read per record of the parent at {@code pathTemplate}, whose {@code {id}} is the parent
     * record's id (conversations: {@code tickets/{id}/conversations}).
     */
    public FreshdeskStream childOf(FreshdeskStream parentStream, String pathTemplate) {
        if (!pathTemplate.contains("{id}")) {
            throw new IllegalArgumentException("a child stream's path names its parent's {id}: " + pathTemplate);
        }
        FreshdeskStream copy = copy();
        copy.path = pathTemplate;
        copy.parent = Objects.requireNonNull(parentStream);
        return copy;
    }

    /**
     * Loaded into another stream's tables, with that stream's columns, under a cursor of its own: the deleted tickets
     * ({@code filter=deleted}) are versions of the tickets, and land in {@code tickets}.
     */
    public FreshdeskStream into(FreshdeskStream target) {
        FreshdeskStream copy = copy();
        copy.into = Objects.requireNonNull(target);
        copy.columns = target.columns;
        return copy;
    }

    /**
     * Freshdesk answers one object here, not a list (the helpdesk settings): it is read as a page of one record, asked
     * without paging, and keyed by the id {@value #ONE_OBJECT_ID} when it has none, so its table holds one row.
     */
    public FreshdeskStream singleObject() {
        FreshdeskStream copy = copy();
        copy.oneObject = true;
        return copy;
    }

    /** The id of the record of a {@link #singleObject} answer that has none of its own. */
    public static final long ONE_OBJECT_ID = 1;

    /** Whether Freshdesk answers one object here ({@link #singleObject}). */
    public boolean oneObject() {
        return oneObject;
    }

    /**
     * Freshdesk gives these records no {@code updated_at} (discussion forums, scenario automations, the helpdesk
     * settings): a record without one is stamped with the time it was read (to the millisecond), which becomes its
     * version. Every read is then a new version: each run writes every record again, and the current table holds the
     * last read. A record that does carry an {@code updated_at} keeps it.
     */
    public FreshdeskStream withoutUpdatedAt() {
        FreshdeskStream copy = copy();
        copy.stampedWhenRead = true;
        return copy;
    }

    /** Whether a record without {@code updated_at} is stamped with the time it was read ({@link #withoutUpdatedAt}). */
    public boolean stampedWhenRead() {
        return stampedWhenRead;
    }

    /** The stream whose tables this list is loaded into ({@code deleted_tickets}: tickets), if it is such a list. */
    public Optional<FreshdeskStream> into() {
        return Optional.ofNullable(into);
    }

    /** What reading this list takes, for the warning when Freshdesk answers 403 ({@code an administrator's API key}). */
    public FreshdeskStream needs(String what) {
        FreshdeskStream copy = copy();
        copy.permission = Objects.requireNonNull(what);
        return copy;
    }

    /** What reading this list takes: its {@link #needs} or, by default, an agent allowed to read it. */
    public String permission() {
        return permission != null ? permission : "an agent allowed to read " + path;
    }

    /** A list of field definitions of another stream's records: its custom ones become that stream's view's columns. */
    public FreshdeskStream fieldsOf(FreshdeskStream target) {
        FreshdeskStream copy = copy();
        copy.fieldsOf = Objects.requireNonNull(target);
        return copy;
    }

    /** The stream whose custom fields this list defines ({@code ticket_fields}: tickets), if it is such a list. */
    public Optional<FreshdeskStream> fieldsOf() {
        return Optional.ofNullable(fieldsOf);
    }

    public FreshdeskStream columns(Column... typed) {
        FreshdeskStream copy = copy();
        copy.columns = List.of(typed);
        return copy;
    }

    /**
     * Records whose edits show in this field rather than in {@code updated_at} (conversations:
     * {@code last_edited_at}): a record's version is the later of the two.
     */
    public FreshdeskStream editedAt(String field) {
        FreshdeskStream copy = copy();
        copy.editedField = Objects.requireNonNull(field);
        return copy;
    }

    /** The version of a record: its {@code updated_at}, or its edit time when that is later ({@link #editedAt}). */
    public Instant version(JsonNode record) {
        return version(record, FreshdeskRecords.updatedAt(record));
    }

    /** {@link #version(com.fasterxml.jackson.databind.JsonNode)} of a record whose {@code updated_at} is already read. */
    public Instant version(JsonNode record, Instant updated) {
        if (editedField == null) {
            return updated;
        }
        Instant edited = FreshdeskRecords.timestamp(record.get(editedField));
        return edited != null && edited.isAfter(updated) ? edited : updated;
    }

    /**
     * The list a run of this stream pages through: its own, or, for a child stream, its parent's (a conversations
     * run pages through the tickets that changed since its cursor, and reads each one's conversations).
     */
    public FreshdeskStream listed() {
        return parent == null ? this : parent.listed();
    }

    /** The query parameters that pick the records besides the paging and the incremental filter ({@link #filtered}). */
    public String filterParameters() {
        return filterParameters;
    }

    /** The per-minute limit this list's requests count against, besides the account's. */
    public ListLimit listLimit() {
        return listLimit;
    }

    /** The stream's name in configuration and the destination's table name. */
    public String streamName() {
        return streamName;
    }

    /** The list's path under the API base URL (a child stream's: with its parent's {@code {id}} in it). */
    public String path() {
        return path;
    }

    /** A child stream's path for one parent record. */
    public String path(long parentId) {
        return path.replace("{id}", Long.toString(parentId));
    }

    /** The stream whose records this one hangs off; empty for a top-level list. */
    public Optional<FreshdeskStream> parent() {
        return Optional.ofNullable(parent);
    }

    /** True when Freshdesk can filter the list by update time, so a run asks only for what changed. */
    public boolean incremental() {
        return sinceParameter != null;
    }

    public String sinceParameter() {
        return sinceParameter;
    }

    public String orderParameters() {
        return orderParameters;
    }

    /** How far before its cursor a run reads again (zero: from the cursor). */
    public Duration lookback() {
        return lookback;
    }

    /**
     * The Quartz cron a stream runs on when neither {@code sync.<stream>.schedule} nor {@code sync.schedule} is set:
     * lists that change all day every 15 minutes, the account's settings and people (dimensions) once a day.
     */
    public String defaultSchedule() {
        return defaultSchedule;
    }

    /** Typed core columns, besides {@code id}, {@code updated_at} and the bookkeeping columns. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The destination tables of this stream (another stream's, for one loaded {@link #into} it), its state keyed by its
     * name. A list read whole also has {@value #DELETED_AT}: a row gone from a complete read is marked there.
     */
    public StreamTable table() {
        if (into != null) {
            return new StreamTable(streamName, into.streamName, columns);
        }
        if (readWhole() && columns.stream().noneMatch(c -> c.name().equals(DELETED_AT))) {
            List<Column> withDeletedAt = new ArrayList<>(columns);
            withDeletedAt.add(new Column(DELETED_AT, TIMESTAMP));
            return new StreamTable(streamName, withDeletedAt);
        }
        return new StreamTable(streamName, columns);
    }

    /** A list with no incremental filter, read whole every run into its own table (companies, the settings). */
    public boolean readWhole() {
        return sinceParameter == null && parent == null && into == null && !exportedDaily;
    }

    /**
     * Not a list but an export Freshdesk makes once a day ({@code export/ticket_activities?created_at=<day>}, which
     * answers a link to the day's file): read day by day by a route of its own, with a cursor of days, instead of the
     * paging template.
     */
    public FreshdeskStream exportedDaily() {
        FreshdeskStream copy = copy();
        copy.exportedDaily = true;
        return copy;
    }

    /** Whether this stream is read from a daily export ({@link #exportedDaily()}) rather than paged. */
    public boolean dailyExport() {
        return exportedDaily;
    }

    @Override
    public String toString() {
        return streamName;
    }
}
