package io.freshdeskbigquery.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A small in-memory Freshdesk list server for WireMock: stubs that name the {@value #NAME} transformer are
 * answered from the records a test put here, filtered by {@code updated_since}/{@code _updated_since}
 * (inclusive), ordered by {@code updated_at} then id, paged with {@code page}/{@code per_page} and a
 * {@code Link rel="next"} while more remain. A hook runs before each answer, so a test can change records
 * while a sync reads them.
 */
public class FakeFreshdesk implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-freshdesk";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Map<Long, ObjectNode>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Records served as these bytes instead of their JSON (a record Freshdesk sends broken). */
    private final Map<String, Map<Long, byte[]>> servedAs = new ConcurrentHashMap<>();
    private volatile IntConsumer beforeAnswer = n -> {
    };
    private volatile int failFrom = Integer.MAX_VALUE;
    private volatile Set<Integer> failOnly = Set.of();
    private volatile int failStatus;
    private volatile IntFunction<List<ObjectNode>> forever;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public void reset() {
        streams.clear();
        servedAs.clear();
        requests.set(0);
        beforeAnswer = n -> {
        };
        failFrom = Integer.MAX_VALUE;
        failOnly = Set.of();
        forever = null;
    }

    /**
     * From now on every request is answered with the records {@code pageOfRequest} gives for the request's number (1,
     * 2, …), whatever it asks, and with {@code rel="next"} while there are any: a server that pages on for ever.
     */
    public void pageForever(IntFunction<List<ObjectNode>> pageOfRequest) {
        this.forever = pageOfRequest;
    }

    /** A record as {@link #put} makes it, kept nowhere. */
    public static ObjectNode newRecord(long id, Instant updatedAt) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("id", id);
        record.put("subject", "Record " + id);
        record.put("status", 2);
        record.put("created_at", "2020-01-01T00:00:00Z");
        record.put("updated_at", updatedAt.toString());
        return record;
    }

    /** Adds or replaces a record; its stream's list is then served in updated_at order. */
    public ObjectNode put(String stream, long id, Instant updatedAt) {
        ObjectNode record = newRecord(id, updatedAt);
        streams.computeIfAbsent(stream, s -> new ConcurrentHashMap<>()).put(id, record);
        return record;
    }

    /** Adds or replaces a conversation of a ticket, served at {@code tickets/<ticketId>/conversations}. */
    public ObjectNode putConversation(long ticketId, long id, Instant updatedAt) {
        ObjectNode record = put("conversations", id, updatedAt);
        record.remove("subject");
        record.remove("status");
        record.put("ticket_id", ticketId);
        record.put("body_text", "Reply " + id);
        record.put("private", false);
        record.putNull("last_edited_at");
        return record;
    }

    /**
     * Serves the record as these bytes (not JSON, say, or too deep for a parser) in its place in the list; its
     * {@code updated_at} as put still orders it.
     */
    public void serveAs(String stream, long id, byte[] text) {
        servedAs.computeIfAbsent(stream, s -> new ConcurrentHashMap<>()).put(id, text);
    }

    /** The record leaves every list (an archived ticket: Freshdesk serves it elsewhere). */
    public void remove(String stream, long id) {
        streams.get(stream).remove(id);
    }

    /** The record as served: a test may change its fields. */
    public ObjectNode record(String stream, long id) {
        return streams.get(stream).get(id);
    }

    public void touch(String stream, long id, Instant updatedAt) {
        streams.get(stream).get(id).put("updated_at", updatedAt.toString());
    }

    /** Runs before each answer with the request's number (1, 2, …). */
    public void beforeAnswer(IntConsumer hook) {
        this.beforeAnswer = hook;
    }

    /** From the n-th request on, answer with this status (a server that went down). */
    public void failFrom(int n, int status) {
        this.failFrom = n;
        this.failStatus = status;
    }

    /** Answer these request numbers with this status (a flaky server). */
    public void failRequests(Set<Integer> numbers, int status) {
        this.failOnly = numbers;
        this.failStatus = status;
    }

    public void recover() {
        this.failFrom = Integer.MAX_VALUE;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        int n = requests.incrementAndGet();
        beforeAnswer.accept(n);
        if (n >= failFrom || failOnly.contains(n)) {
            return responseDefinition().withStatus(failStatus).withBody("{\"code\":\"server_error\"}").build();
        }
        if (forever != null) {
            List<ObjectNode> records = forever.apply(n);
            ArrayNode body = MAPPER.createArrayNode();
            records.forEach(body::add);
            var response = responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.toString());
            if (!records.isEmpty()) {
                int page = intParam(request, "page", 1);
                String next = request.getAbsoluteUrl().replaceAll("([?&])page=\\d+", "$1page=" + (page + 1));
                response.withHeader("Link", "<" + next + ">; rel=\"next\"");
            }
            return response.build();
        }
        String path = request.getUrl().replaceAll("\\?.*$", "");
        String stream = path.substring(path.lastIndexOf('/') + 1);
        Matcher child = Pattern.compile(".*/tickets/(\\d+)/conversations$")
                .matcher(path);
        Long ticketId = child.matches() ? Long.valueOf(child.group(1)) : null;
        Instant since = since(request);
        int page = intParam(request, "page", 1);
        int perPage = intParam(request, "per_page", 30);
        if (stream.equals("tickets") && page > 300) {
            return responseDefinition().withStatus(400)
                    .withBody("{\"description\":\"Validation failed\",\"errors\":"
                            + "[{\"field\":\"page\",\"message\":\"You cannot access tickets beyond the 300th page\","
                            + "\"code\":\"invalid_value\"}]}")
                    .build();
        }
        QueryParameter createdSince = request.queryParameter("created_since");
        // deleted and spam records leave the normal list: filter=deleted / filter=spam / state=deleted list them
        String wanted = request.queryParameter("filter").isPresent()
                ? request.queryParameter("filter").firstValue()
                : request.queryParameter("state").isPresent() ? request.queryParameter("state").firstValue() : "";
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode record : streams.getOrDefault(stream, Map.of()).values()) {
            if (ticketId != null && record.path("ticket_id").asLong() != ticketId) {
                continue;
            }
            boolean deleted = record.path("deleted").asBoolean(false);
            boolean spam = record.path("spam").asBoolean(false);
            if (wanted.equals("deleted") ? !deleted : wanted.equals("spam") ? !spam : deleted || spam) {
                continue;
            }
            if (createdSince.isPresent() && Instant.parse(record.get("created_at").asText())
                    .isBefore(Instant.parse(createdSince.firstValue()))) {
                continue;
            }
            if (since == null || !Instant.parse(record.get("updated_at").asText()).isBefore(since)) {
                matching.add(record);
            }
        }
        matching.sort(Comparator.comparing((ObjectNode r) -> r.get("updated_at").asText())
                .thenComparing(r -> r.get("id").asLong()));
        int from = Math.min((page - 1) * perPage, matching.size());
        int to = Math.min(from + perPage, matching.size());
        ArrayNode body = MAPPER.createArrayNode();
        matching.subList(from, to).forEach(r -> body.add(r.deepCopy()));
        var response = responseDefinition().withStatus(200).withHeader("Content-Type", "application/json");
        Map<Long, byte[]> broken = servedAs.getOrDefault(stream, Map.of());
        if (!broken.isEmpty()
                && matching.subList(from, to).stream().anyMatch(r -> broken.containsKey(r.path("id").asLong()))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write('[');
            for (int i = from; i < to; i++) {
                if (i > from) {
                    bytes.write(',');
                }
                ObjectNode r = matching.get(i);
                bytes.writeBytes(broken.getOrDefault(r.path("id").asLong(),
                        r.toString().getBytes(StandardCharsets.UTF_8)));
            }
            bytes.write(']');
            response.withBody(bytes.toByteArray());
        } else {
            response.withBody(body.toString());
        }
        if (to < matching.size()) {
            String next = request.getAbsoluteUrl().replaceAll("([?&])page=\\d+", "$1page=" + (page + 1));
            response.withHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private static Instant since(Request request) {
        for (String name : List.of("updated_since", "_updated_since")) {
            QueryParameter p = request.queryParameter(name);
            if (p.isPresent()) {
                return Instant.parse(p.firstValue());
            }
        }
        return null;
    }

    private static int intParam(Request request, String name, int fallback) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? Integer.parseInt(p.firstValue()) : fallback;
    }
}
