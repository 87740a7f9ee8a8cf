package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns Freshdesk's answer, read as JSON by the page route, into a {@link FreshdeskPage}: checks it is an array,
 * sets aside records without a usable {@code id} or {@code updated_at}, reads {@code Link rel="next"} and checks
 * the order.
 */
@ApplicationScoped
public class PageParser implements Processor {

    /** Exchange property: how often the current page was asked for again for its bad records; cleared per page. */
    public static final String BAD_RECORD_RETRIES = "freshdeskPageBadRecordRetries";
    /** Variable: the answer's bytes, as read (the page route sets it before the JSON is parsed). */
    public static final String PAGE_BYTES = "freshdeskPageBytes";

    @Inject
    FreshdeskConfig config;

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String url = exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class);
        byte[] bytes = exchange.getVariable(PAGE_BYTES, byte[].class);
        exchange.removeVariable(PAGE_BYTES);
        PageJson json = exchange.getMessage().getBody(PageJson.class);
        JsonNode root = json == null ? null : json.root();
        List<byte[]> texts = json == null || !run.keepsRecordTexts() ? null : json.elementTexts(bytes);
        JsonNode keyed = keyed(run.listed(), root, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        if (keyed != null) {
            // the records carry what the loader added: written out from their JSON, not as they came
            root = keyed;
            texts = null;
        }
        FreshdeskPage page = parse(run.where(url), url, root, exchange.getMessage().getHeader("Link", String.class),
                texts);
        // a page read in smaller pages (PageIsolation) was asked for again already; its records that cannot be read
        // alone join the page's bad records
        @SuppressWarnings("unchecked")
        List<FreshdeskPage.BadRecord> setApart = exchange.getVariable(AssembleIsolatedPage.SET_APART, List.class);
        exchange.removeVariable(AssembleIsolatedPage.SET_APART);
        // counted per page by itself: Camel's redelivery counter also counts the waits for 429s
        int asked = exchange.getProperty(BAD_RECORD_RETRIES, 0, Integer.class);
        if (setApart != null) {
            page.bad().addAll(setApart);
        } else if (!page.bad().isEmpty() && asked < config.retry().badRecordAttempts()) {
            // a record can come back broken once (a proxy, a half-written answer): ask for the page again
            exchange.setProperty(BAD_RECORD_RETRIES, asked + 1);
            throw new FreshdeskPageException(run.where(url) + ": " + page.bad().size()
                    + " record(s) without a usable id or updated_at (" + page.bad().get(0).reason()
                    + "); asking for the page again");
        }
        exchange.setProperty(FreshdeskPage.PROPERTY, page);
        exchange.getMessage().setBody(page.records());
    }

    /**
     * Checks the page Freshdesk answered (already read as JSON: {@code root} is null for an empty body); {@code raw}
     * holds the text of each of its elements, or is null.
     */
    FreshdeskPage parse(String where, String url, JsonNode root, String linkHeader, List<byte[]> raw) {
        if (root == null || !root.isArray()) {
            throw new FreshdeskPageException(where + ": expected a JSON array of records, got "
                    + (root == null || root.isMissingNode() || root.isNull()
                            ? "an empty body"
                            : root.getNodeType().toString().toLowerCase()));
        }
        List<ObjectNode> records = new ArrayList<>(root.size());
        boolean keepRaw = raw != null && raw.size() == root.size();
        List<byte[]> rawRecords = keepRaw ? new ArrayList<>(root.size()) : null;
        List<Instant> updatedAts = new ArrayList<>(root.size());
        int index = -1;
        List<FreshdeskPage.BadRecord> bad = new ArrayList<>();
        boolean ordered = true;
        Instant newest = null;
        int countAtNewest = 0;
        for (JsonNode node : root) {
            index++;
            Instant updatedAt = node.isObject() ? FreshdeskRecords.updatedAt(node) : null;
            String problem = problemWith(node, updatedAt);
            if (problem != null) {
                bad.add(new FreshdeskPage.BadRecord(problem, node.toString()));
                continue;
            }
            if (newest != null && updatedAt.isBefore(newest)) {
                ordered = false;
            }
            if (newest == null || updatedAt.isAfter(newest)) {
                newest = updatedAt;
                countAtNewest = 1;
            } else if (updatedAt.equals(newest)) {
                countAtNewest++;
            }
            records.add((ObjectNode) node);
            updatedAts.add(updatedAt);
            if (keepRaw) {
                rawRecords.add(raw.get(index));
            }
        }
        return new FreshdeskPage(url, records, bad, hasNext(linkHeader), ordered, newest, countAtNewest, rawRecords,
                updatedAts);
    }

    /**
     * The answer of a list whose records lack what a row is keyed by, completed: a single object
     * ({@link FreshdeskStream#singleObject}) becomes a page of one record, with the id
     * {@value FreshdeskStream#ONE_OBJECT_ID} when it has none; a record without {@code updated_at} of a list declared
     * {@link FreshdeskStream#withoutUpdatedAt} gets {@code readAt}. Null when nothing was added.
     */
    static JsonNode keyed(FreshdeskStream listed, JsonNode root, Instant readAt) {
        JsonNode records = root;
        boolean added = false;
        if (listed.oneObject() && root != null && root.isObject()) {
            ObjectNode one = (ObjectNode) root;
            if (!one.has("id")) {
                one.put("id", FreshdeskStream.ONE_OBJECT_ID);
            }
            records = JsonNodeFactory.instance.arrayNode().add(one);
            added = true;
        }
        if (listed.stampedWhenRead() && records != null && records.isArray()) {
            for (JsonNode record : records) {
                JsonNode updatedAt = record.get("updated_at");
                if (record.isObject() && (updatedAt == null || updatedAt.isNull())) {
                    ((ObjectNode) record).put("updated_at", readAt.toString());
                    added = true;
                }
            }
        }
        return added ? records : null;
    }

    /** What makes the record unusable, or null; {@code updatedAt} is its {@code updated_at} as read (null: none usable). */
    private static String problemWith(JsonNode node, Instant updatedAt) {
        if (!node.isObject()) {
            return "not a JSON object";
        }
        if (FreshdeskRecords.id(node) == null) {
            return node.has("id") ? "id is not an integer" : "no id";
        }
        if (updatedAt == null) {
            return node.has("updated_at") ? "updated_at is not an ISO-8601 timestamp" : "no updated_at";
        }
        return null;
    }

    /** {@code Link: <https://...&page=2>; rel="next"} — possibly among other links. */
    static boolean hasNext(String linkHeader) {
        if (linkHeader == null) {
            return false;
        }
        for (String link : linkHeader.split(",")) {
            if (link.replace(" ", "").toLowerCase().contains("rel=\"next\"")
                    || link.replace(" ", "").toLowerCase().contains("rel=next")) {
                return true;
            }
        }
        return false;
    }
}
