package io.freshdeskbigquery.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.simulator.ApiErrors.ValidationFailed;

/**
 * A deterministic stand-in for the Freshdesk API v2 list endpoints ({@code tickets},
 * {@code contacts}, {@code companies}, {@code agents}, {@code groups}), with Freshdesk's auth,
 * paging, filters, rate limits, and on demand the changes and failures a loader must survive.
 *
 * <p>How a request is answered, in order:
 * <ol>
 * <li>rate limits: the account budget, then the stream's own list limit; a refused call answers
 * 429 and costs nothing ({@link RateLimiter});</li>
 * <li>the call's credits are charged: from here on every answer counts;</li>
 * <li>401 without the right key, 405 for anything but GET, 404 for an unknown path, 403 for a
 * forbidden stream;</li>
 * <li>400 when the query parameters are invalid ({@link ListQuery});</li>
 * <li>an armed fault, if one applies ({@link Faults});</li>
 * <li>the page ({@link ListQueryEngine}), rendered ({@link RecordRenderer}), with a {@code Link}
 * header while more rows follow ({@link LinkHeader});</li>
 * <li>a mutation batch, if one is due ({@link Mutations}).</li>
 * </ol>
 * Thread-safe: every public method holds the simulator's lock. {@code handle} never sleeps.
 */
public final class SimulatedFreshdesk {

    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    /** Writes the answers: the application's ObjectMapper. */
    private final ObjectMapper json;
    private final Object lock = new Object();
    private final SimulatorSettings settings;
    private final Dataset data;
    private final RecordRenderer renderer;
    private final ListQueryEngine queries;
    private final RateLimiter limiter;
    private final Faults faults;
    private final Mutations mutations;
    private final TicketActivities activities;
    private long requestCount;
    private long exportFileRequests;
    private long exportFileRequestsWithAuthorization;
    private long rateLimitedCount;
    /** Records rendered ahead as JSON ({@link #prerender}), by stream. */
    private final Map<SimStream, Ahead> prerendered = new EnumMap<>(SimStream.class);

    /**
     * A stream's records rendered ahead for its list pages asked with {@code include} set to {@code includes}: row →
     * JSON, valid while the row's version is the one kept beside it.
     */
    private static final class Ahead {
        final Set<String> includes;
        /** Each record's JSON in UTF-8, as sent. */
        byte[][] texts;
        int[] versions;

        Ahead(Set<String> includes, int size) {
            this.includes = Set.copyOf(includes);
            this.texts = new byte[size][];
            this.versions = new int[size];
        }
    }

    /** @param wallClock drives the rate-limit minute windows only; record times follow the simulated now */
    public SimulatedFreshdesk(SimulatorSettings settings, Clock wallClock, ObjectMapper json) {
        this.json = json;
        this.settings = settings;
        this.data = DataGenerator.generate(settings);
        this.renderer = new RecordRenderer(data);
        this.queries = new ListQueryEngine(data, renderer);
        this.limiter = new RateLimiter(settings.creditsPerMinute(), settings.ticketsListPerMinute(),
                settings.contactsListPerMinute(), wallClock);
        this.faults = new Faults(lock);
        this.mutations = new Mutations(lock, data);
        this.activities = new TicketActivities(data, renderer);
    }

    /** The value of an {@code Authorization} header that opens an account with this key. */
    public static String basicAuthorization(String apiKey) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":X").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers one request.
     *
     * @param method the HTTP method; only GET is served
     * @param path relative to {@code /api/v2/}, e.g. {@code tickets} (leading or trailing slashes are ignored)
     * @param query the decoded query parameters; their iteration order is kept in the {@code Link} header
     * @param authorizationHeader the {@code Authorization} header, or null
     * @param baseUrl the URL of {@code /api/v2} as the client sees it, for absolute {@code Link} headers
     */
    public SimResponse handle(String method, String path, Map<String, String> query, String authorizationHeader,
            String baseUrl) {
        synchronized (lock) {
            requestCount++;
            Map<String, String> parameters = query == null ? Map.of() : query;
            Optional<SimStream> stream = SimStream.ofPath(path);
            int cost = ListQuery.cost(parameters);

            if (limiter.accountExhausted(cost) || (stream.isPresent() && limiter.listExhausted(stream.get()))) {
                rateLimitedCount++;
                return rateLimited(limiter.retryAfterSeconds(), 0);
            }
            limiter.charge(cost);
            if (!authorized(authorizationHeader)) {
                return json(401, ApiErrors.invalidCredentials(), cost);
            }
            if (!"GET".equalsIgnoreCase(method)) {
                return json(405, ApiErrors.methodNotAllowed(), cost);
            }
            if (EXPORT_PATH.matcher(path == null ? "" : path.strip()).matches()) {
                return activityExport(parameters, cost, baseUrl);
            }
            Matcher articles = ARTICLES_PATH.matcher(path == null ? "" : path.strip());
            if (stream.isEmpty() && articles.matches()) {
                return articles(Long.parseLong(articles.group(1)), parameters, cost, baseUrl);
            }
            for (DerivedList derived : DERIVED_LISTS) {
                Matcher matcher = derived.path().matcher(path == null ? "" : path.strip());
                if (stream.isEmpty() && matcher.matches()) {
                    return derivedList(derived, Long.parseLong(matcher.group(1)), parameters, cost, baseUrl);
                }
            }
            for (ChildList child : CHILD_LISTS) {
                Matcher matcher = child.path().matcher(path == null ? "" : path.strip());
                if (stream.isEmpty() && matcher.matches()) {
                    return childList(child, Long.parseLong(matcher.group(1)), parameters, cost, baseUrl);
                }
            }
            if (stream.isEmpty()) {
                return json(404, ApiErrors.notFound(), cost);
            }
            if (settings.forbiddenStreams().contains(stream.get().path())) {
                return json(403, ApiErrors.accessDenied(), cost);
            }
            if (stream.get() == SimStream.HELPDESK_SETTINGS) {
                // one object, not a list: no paging
                SimResponse response = new SimResponse(200, baseHeaders(cost),
                        write(renderer.render(SimStream.HELPDESK_SETTINGS, 0, Set.of())));
                mutations.afterSuccessfulList();
                return response;
            }
            limiter.countListCall(stream.get());
            ListQuery listQuery;
            try {
                listQuery = ListQuery.parse(stream.get(), parameters);
            } catch (ValidationFailed e) {
                return json(400, ApiErrors.validationFailed(e.errors()), cost);
            }
            SimResponse response = list(listQuery, faults.take(stream.get()), cost, baseUrl);
            if (response.status() == 200) {
                mutations.afterSuccessfulList();
            }
            return response;
        }
    }

    private static final Pattern EXPORT_PATH = Pattern
            .compile("/*export/ticket_activities/*");
    /** Where the export's files lie, under the simulator's root (the API's base URL less {@code /api/v2}). */
    public static final String EXPORT_FILES = "/exports/ticket_activities/";

    /**
     * {@code export/ticket_activities?created_at=<day>}: the link to the day's file once the day is over on the
     * simulated clock (the account's time zone is UTC), as Freshdesk answers it: {@code {"export": [{"created_at",
     * "url"}]}}; 404 ({@code file_not_found}) before. 403 ({@code require_feature}) when {@code ticket_activities} is a
     * forbidden stream: the export is not enabled.
     */
    private SimResponse activityExport(Map<String, String> parameters, int cost, String baseUrl) {
        if (settings.forbiddenStreams().contains("ticket_activities")) {
            return json(403, ApiErrors.requireFeature("Activity Export"), cost);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(parameters.getOrDefault("created_at", ""));
        } catch (DateTimeParseException e) {
            return json(400, ApiErrors.validationFailed(List.of(new ApiErrors.FieldError("created_at",
                    "It should be a/an date in the format YYYY-MM-DD", "datatype_mismatch"))), cost);
        }
        if (!day.isBefore(data.now().atZone(ZoneOffset.UTC).toLocalDate())) {
            return json(404, ApiErrors.fileNotFound(), cost);
        }
        String root = baseUrl.endsWith("/api/v2")
                ? baseUrl.substring(0, baseUrl.length() - "/api/v2".length())
                : baseUrl;
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("created_at", day.toString());
        export.put("url", root + EXPORT_FILES + day + ".json?X-Amz-Expires=600&X-Amz-Signature=" + signature(day));
        return json(200, Map.of("export", List.of(export)), cost);
    }

    /** The link's signature of a day's file: a storage's, which the API key plays no part in checking. */
    private String signature(LocalDate day) {
        return Long.toHexString(Seeds.mix(data.seed(), day.toEpochDay(), 0x5167L));
    }

    /**
     * A file of the ticket activity export, as the storage behind its signed link serves it: the day's activities
     * ({@link TicketActivities}). A request that carries an {@code Authorization} header is refused (400, as a storage
     * refuses a second way to sign a request); a wrong signature 403; a file that does not exist 404.
     *
     * @param file the file's name, {@code <day>.json}
     */
    public SimResponse exportFile(String file, Map<String, String> query, String authorizationHeader) {
        synchronized (lock) {
            exportFileRequests++;
            if (authorizationHeader != null) {
                exportFileRequestsWithAuthorization++;
                return new SimResponse(400, new LinkedHashMap<>(Map.of("Content-Type", JSON_CONTENT_TYPE)),
                        write(Map.of("code", "InvalidArgument", "message",
                                "Only one auth mechanism allowed; only the X-Amz-Signature query parameter is supported")));
            }
            LocalDate day;
            try {
                day = LocalDate.parse(file == null ? "" : file.replaceFirst("\\.json$", ""));
            } catch (DateTimeParseException e) {
                return new SimResponse(404, new LinkedHashMap<>(Map.of("Content-Type", JSON_CONTENT_TYPE)),
                        write(Map.of("code", "NoSuchKey", "message", "The specified key does not exist.")));
            }
            if (query == null || !signature(day).equals(query.get("X-Amz-Signature"))) {
                return new SimResponse(403, new LinkedHashMap<>(Map.of("Content-Type", JSON_CONTENT_TYPE)),
                        write(Map.of("code", "SignatureDoesNotMatch", "message",
                                "The request signature we calculated does not match the signature you provided.")));
            }
            List<Map<String, Object>> dayActivities = activities.day(day);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("start_at", TicketActivities.PERFORMED_AT.format(
                    day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            metadata.put("end_at", TicketActivities.PERFORMED_AT.format(
                    day.atStartOfDay(ZoneOffset.UTC).plusSeconds(86_399).toInstant()));
            metadata.put("activities_count", dayActivities.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("metadata", metadata);
            body.put("activities_data", dayActivities);
            return new SimResponse(200, new LinkedHashMap<>(Map.of("Content-Type", JSON_CONTENT_TYPE)), write(body));
        }
    }

    /** The activities of a day, as its export file holds them. */
    public List<Map<String, Object>> activitiesOf(LocalDate day) {
        synchronized (lock) {
            return activities.day(day);
        }
    }

    /** Requests for export files so far, and those of them that carried an {@code Authorization} header. */
    public long[] exportFileRequests() {
        synchronized (lock) {
            return new long[]{exportFileRequests, exportFileRequestsWithAuthorization};
        }
    }

    /** The simulated clock jumps to {@code later} (a day passes, in a test); it never goes back. */
    public void advanceClockTo(Instant later) {
        synchronized (lock) {
            data.advanceTo(later);
        }
    }

    /** A list per parent record: its path (the parent's id in group 1), its parent list and its name. */
    private record ChildList(Pattern path, SimStream parent, String name, String pathTemplate) {
    }

    private static final List<ChildList> CHILD_LISTS = List.of(
            new ChildList(Pattern.compile("/*tickets/(\\d{1,18})/conversations/*"), SimStream.TICKETS,
                    "conversations", "tickets/%d/conversations"),
            new ChildList(Pattern.compile("/*canned_response_folders/(\\d{1,18})/responses/*"),
                    SimStream.CANNED_RESPONSE_FOLDERS, "canned_responses", "canned_response_folders/%d/responses"),
            new ChildList(Pattern.compile("/*solutions/categories/(\\d{1,18})/folders/*"),
                    SimStream.SOLUTION_CATEGORIES, "solution_folders", "solutions/categories/%d/folders"),
            new ChildList(Pattern.compile("/*discussions/categories/(\\d{1,18})/forums/*"),
                    SimStream.DISCUSSION_CATEGORIES, "discussion_forums", "discussions/categories/%d/forums"));

    /**
     * A list per record of a child list, whose id says where it belongs (a forum's topics, a topic's comments): its path
     * (the record's id in group 1), its name and its records by that id (empty: no such record, 404).
     */
    private record DerivedList(Pattern path, String name, String pathTemplate,
            BiFunction<RecordRenderer, Long, Optional<List<Map<String, Object>>>> records) {
    }

    private static final List<DerivedList> DERIVED_LISTS = List.of(
            new DerivedList(Pattern.compile("/*discussions/forums/(\\d{1,18})/topics/*"),
                    "discussion_topics", "discussions/forums/%d/topics", RecordRenderer::topics),
            new DerivedList(Pattern.compile("/*discussions/topics/(\\d{1,18})/comments/*"),
                    "discussion_comments", "discussions/topics/%d/comments", RecordRenderer::comments));

    /** A forum's topics or a topic's comments; 404 when there is no such forum or topic, 403 when forbidden. */
    private SimResponse derivedList(DerivedList derived, long id, Map<String, String> parameters, int cost,
            String baseUrl) {
        if (settings.forbiddenStreams().contains(derived.name())) {
            return json(403, ApiErrors.accessDenied(), cost);
        }
        Optional<List<Map<String, Object>>> all = derived.records().apply(renderer, id);
        if (all.isEmpty()) {
            return json(404, ApiErrors.notFound(), cost);
        }
        return page(all.get(), String.format(derived.pathTemplate(), id), parameters, cost, baseUrl);
    }

    private static final Pattern ARTICLES_PATH = Pattern
            .compile("/*solutions/folders/(\\d{1,18})/articles/*");

    /** {@code solutions/folders/{id}/articles}: a solution folder's articles (a folder is a child of a category). */
    private SimResponse articles(long folderId, Map<String, String> parameters, int cost, String baseUrl) {
        if (settings.forbiddenStreams().contains("solution_articles")) {
            return json(403, ApiErrors.accessDenied(), cost);
        }
        Optional<List<Map<String, Object>>> all = renderer.articles(folderId);
        if (all.isEmpty()) {
            return json(404, ApiErrors.notFound(), cost);
        }
        return page(all.get(), "solutions/folders/" + folderId + "/articles", parameters, cost, baseUrl);
    }

    /**
     * A child list ({@code tickets/{id}/conversations}, {@code canned_response_folders/{id}/responses},
     * {@code solutions/categories/{id}/folders}), paged ({@code per_page} up to 100, default 30), oldest first. 404 for
     * a parent that does not exist or was deleted; 403 when the child stream is forbidden.
     */
    private SimResponse childList(ChildList child, long parentId, Map<String, String> parameters, int cost,
            String baseUrl) {
        if (settings.forbiddenStreams().contains(child.name())) {
            return json(403, ApiErrors.accessDenied(), cost);
        }
        RecordStore parents = data.store(child.parent());
        int row = parents.rowOf(parentId);
        if (row < 0 || parents.isDeleted(row)) {
            return json(404, ApiErrors.notFound(), cost);
        }
        return page(renderer.children(child.parent(), row), String.format(child.pathTemplate(), parentId), parameters,
                cost, baseUrl);
    }

    /** One page of a child list ({@code per_page} up to 100, default 30), with a {@code Link} while more follow. */
    private SimResponse page(List<Map<String, Object>> all, String path, Map<String, String> parameters, int cost,
            String baseUrl) {
        int perPage;
        int page;
        try {
            perPage = Integer
                    .parseInt(parameters.getOrDefault("per_page", Integer.toString(ListQuery.DEFAULT_PER_PAGE)));
            page = Integer.parseInt(parameters.getOrDefault("page", "1"));
        } catch (NumberFormatException e) {
            return json(400, ApiErrors.validationFailed(List
                    .of(new ApiErrors.FieldError("page", "It should be a/an Positive Integer", "datatype_mismatch"))),
                    cost);
        }
        if (perPage < 1 || perPage > ListQuery.MAX_PER_PAGE || page < 1) {
            return json(400,
                    ApiErrors.validationFailed(
                            List.of(new ApiErrors.FieldError(perPage < 1 || perPage > ListQuery.MAX_PER_PAGE
                                    ? "per_page"
                                    : "page", "It should be a/an Positive Integer", "invalid_value"))),
                    cost);
        }
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        int to = Math.min(from + perPage, all.size());
        Map<String, String> headers = baseHeaders(cost);
        if (to < all.size()) {
            headers.put("Link", LinkHeader.next(baseUrl, path, parameters, page + 1));
        }
        SimResponse response = new SimResponse(200, headers, write(all.subList(from, to)), Duration.ZERO, false);
        mutations.afterSuccessfulList();
        return response;
    }

    /** Every conversation of the tickets in the normal list (not deleted, not spam), by ticket, as it stands now. */
    public List<Map<String, Object>> conversationsSnapshot() {
        return childSnapshot("conversations");
    }

    /** Every record of a child list ({@code conversations}, {@code canned_responses}, ...) of the live parents. */
    public List<Map<String, Object>> childSnapshot(String name) {
        synchronized (lock) {
            if (name.equals("solution_articles")) {
                List<Map<String, Object>> articles = new ArrayList<>();
                for (Map<String, Object> folder : childSnapshot("solution_folders")) {
                    articles.addAll(renderer.articles(((Number) folder.get("id")).longValue()).orElseThrow());
                }
                return articles;
            }
            for (DerivedList derived : DERIVED_LISTS) {
                if (name.equals(derived.name())) {
                    // the topics of every forum, the comments of every topic
                    List<Map<String, Object>> records = new ArrayList<>();
                    String parents = derived.name().equals("discussion_topics")
                            ? "discussion_forums"
                            : "discussion_topics";
                    for (Map<String, Object> parent : childSnapshot(parents)) {
                        records.addAll(derived.records()
                                .apply(renderer, ((Number) parent.get("id")).longValue())
                                .orElseThrow());
                    }
                    return records;
                }
            }
            ChildList child = CHILD_LISTS.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a child list: " + name));
            RecordStore parents = data.store(child.parent());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int row = 0; row < parents.size(); row++) {
                if (!parents.isGone(row)) {
                    records.addAll(renderer.children(child.parent(), row));
                }
            }
            return records;
        }
    }

    private SimResponse list(ListQuery query, Faults.Armed fault, int cost, String baseUrl) {
        Faults.Kind kind = fault == null ? null : fault.kind;
        if (kind == Faults.Kind.CONNECTION_RESET) {
            return new SimResponse(0, Map.of(), "", Duration.ZERO, true);
        }
        if (kind == Faults.Kind.SERVER_ERROR) {
            return json(fault.status, ApiErrors.serverError(fault.status), cost);
        }
        if (kind == Faults.Kind.TOO_MANY_REQUESTS) {
            return rateLimited(fault.retryAfterSeconds, cost);
        }

        ListQueryEngine.Page page = queries.page(query);
        Set<String> includes = Set.copyOf(query.includes());
        Ahead ahead = prerendered.get(query.stream());
        // (a fault that changes the body or delays it takes the usual way)
        if (ahead != null && includes.equals(ahead.includes) && (kind == null || kind == Faults.Kind.ENDLESS_NEXT)) {
            return new SimResponse(200, listHeaders(query, kind, page, cost, baseUrl),
                    joined(query.stream(), page.rows(), ahead),
                    Duration.ZERO, false);
        }
        List<Map<String, Object>> records = new ArrayList<>(page.rows().length);
        for (int row : page.rows()) {
            records.add(renderer.render(query.stream(), row, includes));
        }
        if (kind == Faults.Kind.BAD_RECORD && !records.isEmpty()) {
            Map<String, Object> broken = records.get(records.size() / 2);
            broken.remove("id");
            broken.remove("updated_at");
        }
        String body = write(records);
        if (kind == Faults.Kind.TRUNCATED_BODY) {
            body = body.substring(0, body.length() / 2);
        }

        Map<String, String> headers = listHeaders(query, kind, page, cost, baseUrl);
        Duration delay = Duration.ZERO;
        if (kind == Faults.Kind.SLOW_RESPONSE) {
            delay = fault.delay;
            headers.put(SimResponse.DELAY_HEADER, Long.toString(delay.toMillis()));
        }
        return new SimResponse(200, headers, body, delay, false);
    }

    private Map<String, String> listHeaders(ListQuery query, Faults.Kind kind, ListQueryEngine.Page page, int cost,
            String baseUrl) {
        Map<String, String> headers = baseHeaders(cost);
        if (kind == Faults.Kind.ENDLESS_NEXT) {
            headers.put("Link", LinkHeader.next(baseUrl, query.stream(), query.parameters(), query.page()));
        } else if (page.hasNext()) {
            headers.put("Link", LinkHeader.next(baseUrl, query.stream(), query.parameters(), query.page() + 1));
        }
        return headers;
    }

    /**
     * A page's body from the records rendered ahead, copied as bytes; a record changed since is rendered anew (and
     * kept).
     */
    private byte[] joined(SimStream stream, int[] rows, Ahead ahead) {
        RecordStore store = data.store(stream);
        int length = 2 + Math.max(0, rows.length - 1);
        for (int row : rows) {
            if (row >= ahead.texts.length) {
                // a record created since
                ahead.texts = Arrays.copyOf(ahead.texts, store.size());
                ahead.versions = Arrays.copyOf(ahead.versions, store.size());
            }
            if (ahead.texts[row] == null || ahead.versions[row] != store.version(row)) {
                renderAhead(stream, store, row, ahead);
            }
            length += ahead.texts[row].length;
        }
        byte[] body = new byte[length];
        int at = 0;
        body[at++] = '[';
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] text = ahead.texts[rows[i]];
            System.arraycopy(text, 0, body, at, text.length);
            at += text.length;
        }
        body[at] = ']';
        return body;
    }

    /** A record's JSON, as its list pages hold it, kept with the version it is of. */
    private void renderAhead(SimStream stream, RecordStore store, int row, Ahead ahead) {
        // (through text: Jackson's byte writer would escape an emoji's surrogate pair instead of sending its UTF-8)
        ahead.texts[row] = write(renderer.render(stream, row, ahead.includes)).getBytes(StandardCharsets.UTF_8);
        ahead.versions[row] = store.version(row);
    }

    /**
     * Renders every record of a stream now and answers its list pages (without {@code include}) from those, at the
     * cost of a copy: a benchmark's server then spends next to no CPU of the machine the loader is measured on.
     * Memory: about 0.9 KB a ticket. Records changed later are rendered again when asked for.
     */
    public void prerender(String streamName) {
        prerender(streamName, Set.of());
    }

    /**
     * As {@link #prerender(String)}, for the list pages asked for with {@code include} set to {@code includes} (the
     * others are rendered per request); with {@code description}, about 2.7 KB a ticket.
     */
    public void prerender(String streamName, Set<String> includes) {
        synchronized (lock) {
            SimStream stream = SimStream.named(streamName);
            RecordStore store = data.store(stream);
            Ahead ahead = new Ahead(includes, store.size());
            IntStream.range(0, store.size())
                    .parallel()
                    .forEach(row -> renderAhead(stream, store, row, ahead));
            prerendered.put(stream, ahead);
        }
    }

    /** Every record of a stream as it stands now, deleted and spam ones left out, by id: fresh copies. */
    public List<Map<String, Object>> snapshot(String stream) {
        return snapshot(stream, Set.of());
    }

    /** Every live record of a stream as its list renders it with {@code include} set to {@code includes}. */
    public List<Map<String, Object>> snapshot(String stream, Set<String> includes) {
        synchronized (lock) {
            SimStream simStream = SimStream.named(stream);
            RecordStore store = data.store(simStream);
            List<Map<String, Object>> records = new ArrayList<>(store.liveCount());
            for (int row = 0; row < store.size(); row++) {
                if (!store.isGone(row)) {
                    records.add(renderer.render(simStream, row, includes));
                }
            }
            return records;
        }
    }

    /** The helpdesk's settings ({@code settings/helpdesk}) as they stand now: one object. */
    public Map<String, Object> helpdeskSettings() {
        synchronized (lock) {
            return renderer.render(SimStream.HELPDESK_SETTINGS, 0, Set.of());
        }
    }

    /** The ids of a stream's deleted records, ascending. */
    public List<Long> deletedIds(String stream) {
        synchronized (lock) {
            RecordStore store = data.store(SimStream.named(stream));
            List<Long> ids = new ArrayList<>();
            for (int row = 0; row < store.size(); row++) {
                if (store.isDeleted(row)) {
                    ids.add(store.id(row));
                }
            }
            return ids;
        }
    }

    public Mutations mutations() {
        return mutations;
    }

    public Faults faults() {
        return faults;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The simulated now: settings.now() plus one second per mutation batch so far. */
    public Instant now() {
        synchronized (lock) {
            return data.now();
        }
    }

    /** Every call of {@link #handle}, whatever its answer. */
    public long requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    /** Calls refused by the rate limits (injected 429s are counted by {@link Faults#injectedCount()}). */
    public long rateLimitedCount() {
        synchronized (lock) {
            return rateLimitedCount;
        }
    }

    /** HTTP Basic with the API key as user name; the password is not checked (clients send "X"). */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return !user.isEmpty() && user.equals(settings.apiKey());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private SimResponse rateLimited(long retryAfterSeconds, int cost) {
        Map<String, String> headers = baseHeaders(cost);
        headers.put(RateLimiter.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return new SimResponse(429, headers, write(ApiErrors.rateLimited()));
    }

    private SimResponse json(int status, Object body, int cost) {
        return new SimResponse(status, baseHeaders(cost), write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private Map<String, String> baseHeaders(int cost) {
        Map<String, String> headers = new LinkedHashMap<>();
        // the simulated account's clock, as Freshdesk's answers carry its own: the newest updated_at it can hold
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(data.now().atOffset(ZoneOffset.UTC)));
        headers.put("Content-Type", JSON_CONTENT_TYPE);
        headers.put("X-Freshdesk-API-Version", "latest=v2; requested=v2");
        headers.putAll(limiter.headers(cost));
        return headers;
    }
}
