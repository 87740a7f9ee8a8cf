package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A small BigQuery REST API for WireMock, enough for the destination: {@code tabledata.insertAll} (recorded;
 * rows can be refused or the request failed on demand), {@code jobs.insert} + {@code jobs.get} +
 * {@code jobs.getQueryResults} for the statements (recorded in order). It keeps a model of what the statements
 * did: the {@code _sync_state} rows, and per current table the newest {@code updated_at} per id (from the
 * MERGE's JSON source), which gives MERGE its affected-row counts. Unknown calls answer 404 and are kept in
 * {@link #unknown}.
 */
public class FakeBigQuery implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-bigquery";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern INSERT_ALL = Pattern
            .compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)/insertAll");
    private static final Pattern JOBS = Pattern.compile("/bigquery/v2/projects/([^/]+)/jobs");
    private static final Pattern TABLE_DATA = Pattern
            .compile("/bigquery/v2/projects/([^/]+)/datasets/_anonymous/tables/anon_([^/]+)/data");
    private static final Pattern JOB = Pattern.compile("/bigquery/v2/projects/([^/]+)/(jobs|queries)/([^/?]+)");
    private static final Pattern STATE_MERGE = Pattern
            .compile("SELECT '((?:[^'\\\\]++|\\\\.)*+)' AS `stream`, TIMESTAMP '([^']*)' AS `cursor`,"
                    + " PARSE_JSON\\('((?:[^'\\\\]++|\\\\.)*+)'\\) AS `boundary_keys`, (?:'((?:[^'\\\\]++|\\\\.)*+)'|CAST\\(NULL AS STRING\\)) AS");
    /** The cursor commit's {@code written_through} (the row keeps the later of it and its own). */
    private static final Pattern STATE_WRITTEN_THROUGH = Pattern.compile(
            "AS `committed_at`, TIMESTAMP '([^']*)' AS `written_through`\\) S");
    /** Every stream's row ({@code load-states.sql}): no WHERE. */
    private static final Pattern STATES_SELECT = Pattern.compile("^SELECT `stream`, .* FROM `[^`]*\\._sync_state`$");
    private static final Pattern STATE_SELECT = Pattern
            .compile("FROM `[^`]*\\._sync_state` WHERE `stream` = '([^']*)'");
    private static final Pattern MERGE_TABLE = Pattern.compile("^MERGE `[^.]+\\.[^.]+\\.([^`]+)`");
    private static final Pattern DML_TABLE = Pattern.compile("^(?:MERGE|UPDATE) `([^`]+)`");
    private static final Pattern LOADED_FROM = Pattern.compile("`_loaded_at` >= TIMESTAMP '([^']*)'");
    private static final Pattern LOADED_THROUGH = Pattern.compile("`_loaded_at` <= TIMESTAMP '([^']*)'");
    private static final Pattern NEWEST_CHANGE = Pattern.compile("AS `newest` FROM `[^.]+\\.[^.]+\\.([^`]+)`");
    private static final Pattern MERGED_THROUGH_SELECT = Pattern
            .compile("AS `merged_through` FROM `[^`]*\\._sync_state` WHERE `stream` = '([^']*)'");
    private static final Pattern DATASET = Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)");
    private static final Pattern TABLES = Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables");
    private static final Pattern TABLE = Pattern
            .compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)");
    private static final Pattern CREATE_SCHEMA = Pattern.compile("^CREATE SCHEMA IF NOT EXISTS `([^`.]+)\\.([^`]+)`");
    private static final Pattern CREATE_TABLE = Pattern
            .compile("^CREATE TABLE IF NOT EXISTS `[^.]+\\.([^.]+)\\.([^`]+)` \\((.*)\\)");
    private static final Pattern COLUMN = Pattern.compile("(?:^|, )`([A-Za-z0-9_]+)` [A-Z]");
    private static final Pattern ADD_COLUMN = Pattern
            .compile("^ALTER TABLE `[^.]+\\.([^.]+)\\.([^`]+)` ADD COLUMN IF NOT EXISTS `([^`]+)`");
    private static final Pattern SEEN_IDS_UPDATE = Pattern
            .compile("^UPDATE `[^`]*\\._sync_state` SET `seen_ids_sha256` = '([0-9a-f]*)' WHERE `stream` = '([^']*)'");
    private static final Pattern MERGED_THROUGH_UPDATE = Pattern.compile(
            "^UPDATE `[^`]*\\._sync_state` SET `merged_through` = TIMESTAMP '([^']*)' WHERE `stream` = '([^']*)'");

    /** A statement as it arrived: its text and its named query parameters. */
    public record Statement(String text, Map<String, String> parameters) {
    }

    /** Every statement as it arrived, parameters apart ({@link #queries} has them written in). */
    public final List<Statement> statements = new CopyOnWriteArrayList<>();

    private static final Pattern TIMESTAMP_PARAMETER = Pattern.compile("CAST\\(@(\\w+) AS TIMESTAMP\\)");
    private static final Pattern OPTIONAL_PARAMETER = Pattern.compile("NULLIF\\(@(\\w+), ''\\)");
    private static final Pattern PARAMETER = Pattern.compile("@(\\w+)");

    /** The statement with its parameters written in as the literals the loader's SQL had before it used parameters. */
    static String inline(String sql, Map<String, String> parameters) {
        String out = replace(TIMESTAMP_PARAMETER, sql,
                name -> "TIMESTAMP " + BigQuerySql.literal(parameters.get(name)));
        out = replace(OPTIONAL_PARAMETER, out, name -> parameters.get(name).isEmpty()
                ? "CAST(NULL AS STRING)"
                : BigQuerySql.literal(parameters.get(name)));
        return replace(PARAMETER, out, name -> BigQuerySql.literal(parameters.get(name)));
    }

    private static String replace(Pattern pattern, String text, Function<String, String> value) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    /** One insertAll request as it arrived. */
    public record Insert(String table, List<String> insertIds, List<JsonNode> rows) {
    }

    public final List<Insert> inserts = new CopyOnWriteArrayList<>();
    public final List<String> queries = new CopyOnWriteArrayList<>();
    public final List<String> unknown = new CopyOnWriteArrayList<>();
    public final Map<String, String[]> state = new HashMap<>();
    /** Per stream, {@code _sync_state.merged_through}. */
    public final Map<String, Instant> mergedThrough = new HashMap<>();
    public final Map<String, Map<Long, Instant>> current = new HashMap<>();
    /** Per current table, per id: the history row (as insertAll received it) that is current. */
    public final Map<String, Map<Long, JsonNode>> currentRows = new HashMap<>();
    private final Map<String, ObjectNode> jobs = new HashMap<>();
    /** The catalog the DDL made: per dataset, per table, its column names (what datasets.get and tables.* answer). */
    public final Map<String, Map<String, List<String>>> datasets = new HashMap<>();
    private final AtomicInteger failInserts = new AtomicInteger();
    private volatile int failInsertStatus;
    private final AtomicInteger transientRowErrors = new AtomicInteger();
    private final AtomicInteger failJobs = new AtomicInteger();
    private final AtomicInteger failMerges = new AtomicInteger();
    private final AtomicInteger concurrentUpdates = new AtomicInteger();
    private volatile Predicate<JsonNode> refuse = row -> false;
    /** insertAll requests holding such a row fail as a whole with HTTP 500, every time (failUnavailable). */
    private volatile Predicate<JsonNode> unavailableFor = row -> false;
    public final AtomicInteger refusedRequests = new AtomicInteger();

    /**
     * How long a query job takes (answered by jobs.insert once done; zero: at once). DML statements on one table
     * also wait for the DML before them on that table, as BigQuery runs them one at a time.
     */
    public volatile Duration jobLatency = Duration.ZERO;
    /** How long an insertAll request takes (zero: at once). */
    public volatile Duration insertLatency = Duration.ZERO;
    /** Per table: when the DML statements queued on it so far will be done (epoch ms). */
    private final Map<String, Long> dmlBusyUntil = new HashMap<>();
    /**
     * What BigQuery would bill, estimated from the stand-in's own tables: the streaming inserts (each row's JSON, at
     * least 1 KB a row) and the query jobs (every table a statement names, read whole, at least 10 MB a table: no
     * partition or column pruning counted, so an upper bound for on-demand pricing).
     */
    public final AtomicLong streamedBytes = new AtomicLong();
    public final AtomicLong queryBytesBilled = new AtomicLong();
    /** Per table: the bytes of the rows streamed into it (history tables grow; current tables are MERGEd). */
    private final Map<String, Long> tableBytes = new HashMap<>();
    private static final Pattern TABLE_NAMED = Pattern.compile("`[^`.]+\\.[^`.]+\\.([^`]+)`");
    private static final long MIN_BILLED_PER_TABLE = 10L * 1024 * 1024;

    /** Time the app waited on jobs and insertAll requests in all (the latencies, queueing included). */
    public final AtomicLong waitedMillis = new AtomicLong();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void reset() {
        tableBytes.clear();
        streamedBytes.set(0);
        queryBytesBilled.set(0);
        inserts.clear();
        statements.clear();
        queries.clear();
        unknown.clear();
        state.clear();
        mergedThrough.clear();
        current.clear();
        currentRows.clear();
        jobs.clear();
        datasets.clear();
        failInserts.set(0);
        transientRowErrors.set(0);
        failJobs.set(0);
        failMerges.set(0);
        concurrentUpdates.set(0);
        refusedRequests.set(0);
        refuse = row -> false;
        unavailableFor = row -> false;
    }

    /** insertAll requests holding such rows answer 500 backendError, every time they are sent. */
    public void failInsertsOf(Predicate<JsonNode> rows) {
        unavailableFor = rows;
    }

    /** The next n insertAll requests answer this HTTP status. */
    public void failNextInserts(int n, int status) {
        failInsertStatus = status;
        failInserts.set(n);
    }

    /** The next n insertAll requests refuse every row with reason backendError. */
    public void transientRowErrorsNext(int n) {
        transientRowErrors.set(n);
    }

    /** The next n jobs.insert requests answer 503 backendError. */
    public void failNextJobs(int n) {
        failJobs.set(n);
    }

    /**
     * The next n DML statements (MERGE, UPDATE) lose a race with another statement on their table: 400
     * invalidQuery "Could not serialize access to table … due to concurrent update", as BigQuery answers.
     */
    public void concurrentUpdateNextDml(int n) {
        concurrentUpdates.set(n);
    }

    /** The next n MERGEs into a stream's current table answer 503 backendError. */
    public void failNextMerges(int n) {
        failMerges.set(n);
    }

    /** insertAll refuses requests holding such rows: those rows "invalid", the others "stopped" (like BigQuery). */
    public void refuseRows(Predicate<JsonNode> rows) {
        refuse = rows;
    }

    public List<Insert> insertsInto(String table) {
        return inserts.stream().filter(i -> i.table().equals(table)).toList();
    }

    public List<String> statements(String prefix) {
        return queries.stream().filter(q -> q.startsWith(prefix)).toList();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().replaceAll("\\?.*$", "");
        try {
            Matcher m;
            if (request.getMethod().getName().equals("POST") && (m = INSERT_ALL.matcher(path)).matches()) {
                return insertAll(m.group(3), MAPPER.readTree(request.getBodyAsString()));
            }
            if (request.getMethod().getName().equals("POST") && (m = JOBS.matcher(path)).matches()) {
                return insertJob(m.group(1), (ObjectNode) MAPPER.readTree(request.getBodyAsString()));
            }
            if (request.getMethod().getName().equals("GET") && (m = TABLE_DATA.matcher(path)).matches()) {
                ObjectNode results = jobs.containsKey(m.group(2))
                        ? (ObjectNode) jobs.get(m.group(2)).get("_results")
                        : null;
                if (results == null) {
                    return error(404, "notFound", "Not found: Table anon_" + m.group(2));
                }
                ObjectNode data = MAPPER.createObjectNode().put("kind", "bigquery#tableDataList");
                data.set("totalRows", results.get("totalRows"));
                data.set("rows", results.has("rows") ? results.get("rows") : MAPPER.createArrayNode());
                return json(data, 200);
            }
            if (request.getMethod().getName().equals("GET") && (m = DATASET.matcher(path)).matches()) {
                if (!datasets.containsKey(m.group(2))) {
                    return error(404, "notFound", "Not found: Dataset " + m.group(1) + ":" + m.group(2));
                }
                ObjectNode dataset = MAPPER.createObjectNode()
                        .put("kind", "bigquery#dataset")
                        .put("id", m.group(1) + ":" + m.group(2));
                dataset.putObject("datasetReference").put("projectId", m.group(1)).put("datasetId", m.group(2));
                return json(dataset, 200);
            }
            if (request.getMethod().getName().equals("GET") && (m = TABLES.matcher(path)).matches()) {
                ObjectNode list = MAPPER.createObjectNode().put("kind", "bigquery#tableList");
                ArrayNode tables = list.putArray("tables");
                for (String table : datasets.getOrDefault(m.group(2), Map.of()).keySet()) {
                    tableResource(tables.addObject(), m.group(1), m.group(2), table);
                }
                return json(list, 200);
            }
            if (request.getMethod().getName().equals("GET") && (m = TABLE.matcher(path)).matches()) {
                List<String> columns = datasets.getOrDefault(m.group(2), Map.of()).get(m.group(3));
                if (columns == null) {
                    return error(404, "notFound",
                            "Not found: Table " + m.group(1) + ":" + m.group(2) + "." + m.group(3));
                }
                ObjectNode table = tableResource(MAPPER.createObjectNode(), m.group(1), m.group(2), m.group(3));
                ArrayNode fields = table.putObject("schema").putArray("fields");
                columns.forEach(c -> fields.addObject().put("name", c).put("type", "STRING").put("mode", "NULLABLE"));
                return json(table, 200);
            }
            if (request.getMethod().getName().equals("GET") && (m = JOB.matcher(path)).matches()) {
                ObjectNode job = jobs.get(m.group(3));
                if (job == null) {
                    return error(404, "notFound", "Not found: Job " + m.group(3));
                }
                return json(m.group(2).equals("jobs") ? job : (ObjectNode) job.get("_results"), 200);
            }
        } catch (Exception e) {
            return error(400, "invalid", "fake: " + e);
        }
        unknown.add(request.getMethod() + " " + request.getUrl());
        return error(404, "notFound", "fake BigQuery does not know " + request.getMethod() + " " + path);
    }

    private ResponseDefinition insertAll(String table, JsonNode body) {
        if (failInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(failInsertStatus, failInsertStatus >= 500 ? "backendError" : "invalid", "injected failure");
        }
        for (JsonNode row : body.path("rows")) {
            if (unavailableFor.test(row.get("json"))) {
                return error(500, "backendError", "injected failure");
            }
        }
        List<String> ids = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        body.get("rows").forEach(r -> {
            ids.add(r.path("insertId").isMissingNode() ? null : r.get("insertId").asText());
            rows.add(r.get("json"));
        });
        ObjectNode response = MAPPER.createObjectNode().put("kind", "bigquery#tableDataInsertAllResponse");
        boolean transientErrors = transientRowErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (transientErrors || rows.stream().anyMatch(refuse)) {
            refusedRequests.incrementAndGet();
            ArrayNode errors = response.putArray("insertErrors");
            for (int i = 0; i < rows.size(); i++) {
                boolean bad = refuse.test(rows.get(i));
                ObjectNode e = errors.addObject().put("index", i);
                e.putArray("errors")
                        .addObject()
                        .put("reason", transientErrors ? "backendError" : bad ? "invalid" : "stopped")
                        .put("location", bad ? "subject" : "")
                        .put("message", transientErrors ? "try again" : bad ? "Bad value for subject" : "");
            }
            return json(response, 200);
        }
        inserts.add(new Insert(table, ids, rows));
        long bytes = rows.stream().mapToLong(row -> Math.max(1024, row.toString().length())).sum();
        streamedBytes.addAndGet(bytes);
        tableBytes.merge(table, bytes, Long::sum);
        return delayed(json(response, 200), insertLatency.toMillis());
    }

    private ResponseDefinition insertJob(String project, ObjectNode body) throws Exception {
        if (failJobs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(503, "backendError", "injected failure");
        }
        String raw = body.at("/configuration/query/query").asText().strip();
        Map<String, String> parameters = new LinkedHashMap<>();
        body.at("/configuration/query/queryParameters")
                .forEach(p -> parameters.put(p.path("name").asText(),
                        p.at("/parameterValue/value").asText()));
        statements.add(new Statement(raw, parameters));
        // the model reads every statement with its values written in, as literals
        String sql = inline(raw, parameters);
        if ((sql.startsWith("MERGE") || sql.startsWith("UPDATE"))
                && concurrentUpdates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Matcher table = DML_TABLE.matcher(sql);
            return error(400, "invalidQuery",
                    "Could not serialize access to table " + (table.find() ? table.group(1) : "?")
                            + " due to concurrent update");
        }
        if (sql.startsWith("MERGE") && !sql.contains("._sync_state`")
                && failMerges.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(503, "backendError", "injected failure");
        }
        queries.add(sql);
        billQuery(sql);
        String jobId = body.at("/jobReference/jobId").asText();
        String location = body.at("/jobReference/location").asText("US");
        ObjectNode job = MAPPER.createObjectNode()
                .put("kind", "bigquery#job")
                .put("id", project + ":" + location + "." + jobId);
        job.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", location);
        job.putObject("status").put("state", "DONE");
        job.set("configuration", body.get("configuration"));
        ((ObjectNode) job.at("/configuration/query")).putObject("destinationTable")
                .put("projectId", project)
                .put("datasetId", "_anonymous")
                .put("tableId", "anon_" + jobId);
        ObjectNode statistics = job.putObject("statistics")
                .put("creationTime", "1")
                .put("startTime", "1")
                .put("endTime", "2");
        ObjectNode results = MAPPER.createObjectNode()
                .put("kind", "bigquery#getQueryResultsResponse")
                .put("jobComplete", true);
        results.set("jobReference", job.get("jobReference"));
        results.put("totalRows", "0");
        Matcher m;
        if (sql.startsWith("MERGE") && sql.contains("._sync_state`") && (m = STATE_MERGE.matcher(sql)).find()) {
            String stream = unescape(m.group(1));
            Matcher written = STATE_WRITTEN_THROUGH.matcher(sql);
            String[] before = state.get(stream);
            String had = before == null ? null : before[3];
            String writtenThrough = !written.find()
                    ? had
                    : had == null || Instant.parse(written.group(1)).isAfter(Instant.parse(had))
                            ? written.group(1)
                            : had;
            state.put(stream,
                    new String[]{m.group(2), unescape(m.group(3)), m.group(4) == null ? null : unescape(m.group(4)),
                            writtenThrough, before == null ? null : before[4]});
            statistics.putObject("query").put("statementType", "MERGE").put("numDmlAffectedRows", "1");
        } else if (sql.startsWith("MERGE") && (m = MERGE_TABLE.matcher(sql)).find()) {
            String table = m.group(1);
            Matcher through = LOADED_THROUGH.matcher(sql);
            if (!through.find()) {
                throw new IllegalArgumentException("a MERGE without an upper _loaded_at bound: " + sql);
            }
            Map<Long, JsonNode> newest = new LinkedHashMap<>();
            for (JsonNode row : history(table + "_changes", from(sql), Instant.parse(through.group(1)))) {
                newest.merge(row.get("id").asLong(), row, (a, b) -> newer(b, a) ? b : a);
            }
            Map<Long, Instant> rows = current.computeIfAbsent(table, t -> new HashMap<>());
            Map<Long, JsonNode> fullRows = currentRows.computeIfAbsent(table, t -> new HashMap<>());
            int inserted = 0;
            int updated = 0;
            for (Map.Entry<Long, JsonNode> e : newest.entrySet()) {
                Instant before = rows.get(e.getKey());
                Instant after = updatedAt(e.getValue());
                if (before == null || after.isAfter(before)) {
                    if (before == null) {
                        inserted++;
                    } else {
                        updated++;
                    }
                    rows.put(e.getKey(), after);
                    fullRows.put(e.getKey(), e.getValue());
                }
            }
            ObjectNode query = statistics.putObject("query")
                    .put("statementType", "MERGE")
                    .put("numDmlAffectedRows", Integer.toString(inserted + updated));
            query.putObject("dmlStats")
                    .put("insertedRowCount", Integer.toString(inserted))
                    .put("updatedRowCount", Integer.toString(updated))
                    .put("deletedRowCount", "0");
        } else if (sql.startsWith("UPDATE") && (m = MERGED_THROUGH_UPDATE.matcher(sql)).find()) {
            boolean known = state.containsKey(m.group(2));
            if (known) {
                mergedThrough.put(m.group(2), Instant.parse(m.group(1)));
            }
            statistics.putObject("query").put("statementType", "UPDATE").put("numDmlAffectedRows", known ? "1" : "0");
        } else if (sql.startsWith("UPDATE") && (m = SEEN_IDS_UPDATE.matcher(sql)).find()) {
            boolean known = state.containsKey(m.group(2));
            if (known) {
                state.get(m.group(2))[4] = m.group(1);
            }
            statistics.putObject("query").put("statementType", "UPDATE").put("numDmlAffectedRows", known ? "1" : "0");
        } else if (sql.startsWith("SELECT") && (m = NEWEST_CHANGE.matcher(sql)).find()) {
            Instant newest = history(m.group(1), from(sql), null).stream()
                    .map(FakeBigQuery::loadedAt)
                    .max(Instant::compareTo)
                    .orElse(null);
            oneValue(statistics, results, "newest", newest);
        } else if (sql.startsWith("SELECT") && (m = MERGED_THROUGH_SELECT.matcher(sql)).find()) {
            if (state.containsKey(m.group(1))) {
                oneValue(statistics, results, "merged_through", mergedThrough.get(m.group(1)));
            } else {
                statistics.putObject("query").put("statementType", "SELECT");
                results.putObject("schema")
                        .putArray("fields")
                        .addObject()
                        .put("name", "merged_through")
                        .put("type", "STRING")
                        .put("mode", "NULLABLE");
                results.putArray("rows");
            }
        } else if (sql.startsWith("SELECT") && (m = STATE_SELECT.matcher(sql)).find()) {
            ArrayNode rows = stateRows(statistics, results, false);
            if (state.containsKey(m.group(1))) {
                stateRow(rows.addObject().putArray("f"), m.group(1), false);
            }
            results.put("totalRows", Integer.toString(rows.size()));
        } else if (sql.startsWith("SELECT") && STATES_SELECT.matcher(sql).find()) {
            ArrayNode rows = stateRows(statistics, results, true);
            for (String stream : new TreeSet<>(state.keySet())) {
                stateRow(rows.addObject().putArray("f"), stream, true);
            }
            results.put("totalRows", Integer.toString(rows.size()));
        } else {
            ddl(sql);
            statistics.putObject("query").put("statementType", sql.startsWith("CREATE") ? "CREATE" : "OTHER");
        }
        job.set("_results", results);
        jobs.put(jobId, job);
        ObjectNode answer = job.deepCopy();
        answer.remove("_results");
        long latency = jobLatency.toMillis();
        Matcher dml = DML_TABLE.matcher(sql);
        if (latency > 0 && dml.find()) {
            // one DML statement at a time per table: this one starts when the ones before it are done
            long now = System.currentTimeMillis();
            long done = Math.max(now, dmlBusyUntil.getOrDefault(dml.group(1), 0L)) + latency;
            dmlBusyUntil.put(dml.group(1), done);
            latency = done - now;
        }
        return delayed(json(answer, 200), latency);
    }

    /** What CREATE SCHEMA, CREATE TABLE and ALTER TABLE … ADD COLUMN do to the catalog. */
    private void ddl(String sql) {
        Matcher m;
        if ((m = CREATE_SCHEMA.matcher(sql)).find()) {
            datasets.putIfAbsent(m.group(2), new LinkedHashMap<>());
        } else if ((m = CREATE_TABLE.matcher(sql)).find()) {
            List<String> columns = new ArrayList<>();
            Matcher column = COLUMN.matcher(m.group(3));
            while (column.find()) {
                columns.add(column.group(1));
            }
            datasets.computeIfAbsent(m.group(1), d -> new LinkedHashMap<>()).putIfAbsent(m.group(2), columns);
        } else if ((m = ADD_COLUMN.matcher(sql)).find()) {
            List<String> columns = datasets.getOrDefault(m.group(1), Map.of()).get(m.group(2));
            if (columns != null && !columns.contains(m.group(3))) {
                columns.add(m.group(3));
            }
        }
    }

    private static ObjectNode tableResource(ObjectNode table, String project, String dataset, String name) {
        table.put("kind", "bigquery#table").put("id", project + ":" + dataset + "." + name).put("type", "TABLE");
        table.putObject("tableReference").put("projectId", project).put("datasetId", dataset).put("tableId", name);
        return table;
    }

    /** The rows streamed into a table whose {@code _loaded_at} lies in [from, through] (either end may be open). */
    private List<JsonNode> history(String table, Instant from, Instant through) {
        List<JsonNode> rows = new ArrayList<>();
        for (Insert insert : insertsInto(table)) {
            for (JsonNode row : insert.rows()) {
                Instant loaded = loadedAt(row);
                if ((from == null || !loaded.isBefore(from)) && (through == null || !loaded.isAfter(through))) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Instant from(String sql) {
        Matcher m = LOADED_FROM.matcher(sql);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }

    /** The MERGE's order: newest updated_at, then newest _loaded_at. */
    private static boolean newer(JsonNode a, JsonNode b) {
        int byUpdate = updatedAt(a).compareTo(updatedAt(b));
        return byUpdate != 0 ? byUpdate > 0 : loadedAt(a).isAfter(loadedAt(b));
    }

    /** The answer of a SELECT of {@code _sync_state}'s rows (with their {@code stream} or not): its rows, to fill. */
    private static ArrayNode stateRows(ObjectNode statistics, ObjectNode results, boolean withStream) {
        statistics.putObject("query").put("statementType", "SELECT");
        ArrayNode fields = results.putObject("schema").putArray("fields");
        for (String name : withStream
                ? List.of("stream", "cursor", "boundary_keys", "merged_through", "written_through", "seen_ids_sha256",
                        "_sync_run_id")
                : List.of("cursor", "boundary_keys", "merged_through", "written_through", "seen_ids_sha256",
                        "_sync_run_id")) {
            fields.addObject().put("name", name).put("type", "STRING").put("mode", "NULLABLE");
        }
        return results.putArray("rows");
    }

    private void stateRow(ArrayNode f, String stream, boolean withStream) throws Exception {
        String[] saved = state.get(stream);
        if (withStream) {
            f.addObject().put("v", stream);
        }
        f.addObject().put("v", Instant.parse(saved[0]).toString());
        f.addObject().put("v", MAPPER.readTree(saved[1]).toString());
        cell(f, mergedThrough.get(stream));
        cell(f, saved[3] == null ? null : Instant.parse(saved[3]));
        cell(f, saved[4]);
        cell(f, saved[2]);
    }

    /** A row's cell: the value's text, or null. */
    private static void cell(ArrayNode f, Object value) {
        if (value == null) {
            f.addObject().putNull("v");
        } else {
            f.addObject().put("v", value.toString());
        }
    }

    /** A SELECT answering one row with one STRING column. */
    private static void oneValue(ObjectNode statistics, ObjectNode results, String column, Instant value) {
        statistics.putObject("query").put("statementType", "SELECT");
        results.putObject("schema")
                .putArray("fields")
                .addObject()
                .put("name", column)
                .put("type", "STRING")
                .put("mode", "NULLABLE");
        ObjectNode cell = results.putArray("rows").addObject().putArray("f").addObject();
        if (value == null) {
            cell.putNull("v");
        } else {
            cell.put("v", value.toString());
        }
        results.put("totalRows", "1");
    }

    private static Instant updatedAt(JsonNode row) {
        return Instant.parse(row.get("updated_at").asText());
    }

    private static Instant loadedAt(JsonNode row) {
        return Instant.parse(row.get("_loaded_at").asText());
    }

    static String unescape(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                char n = literal.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every table the statement names, read whole, at least 10 MB each; a MERGE into a current table grows it. */
    private void billQuery(String sql) {
        Set<String> named = new LinkedHashSet<>();
        Matcher table = TABLE_NAMED.matcher(sql);
        while (table.find()) {
            named.add(table.group(1));
        }
        for (String name : named) {
            queryBytesBilled.addAndGet(Math.max(MIN_BILLED_PER_TABLE, tableBytes.getOrDefault(name, 0L)));
        }
        Matcher merge = DML_TABLE.matcher(sql);
        if (sql.startsWith("MERGE") && merge.find() && !merge.group(1).endsWith("._sync_state")) {
            // the current table ends as large as the newest versions in its history: at most the history's size
            String target = merge.group(1).substring(merge.group(1).lastIndexOf('.') + 1);
            tableBytes.put(target, tableBytes.getOrDefault(target + "_changes", 0L));
        }
    }

    /** The answer, sent after {@code millis} (WireMock waits; the stand-in's lock is not held meanwhile). */
    private ResponseDefinition delayed(ResponseDefinition answer, long millis) {
        if (millis <= 0) {
            return answer;
        }
        waitedMillis.addAndGet(millis);
        return ResponseDefinitionBuilder.like(answer)
                .withFixedDelay((int) millis)
                .build();
    }

    private static ResponseDefinition json(ObjectNode body, int status) {
        ObjectNode copy = body.deepCopy();
        copy.remove("_results");
        return responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(copy.toString())
                .build();
    }

    private static ResponseDefinition error(int status, String reason, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message);
        error.putArray("errors").addObject().put("reason", reason).put("message", message);
        return json(body, status);
    }
}
