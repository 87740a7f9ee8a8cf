package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity: the same Freshdesk data, synced by the real routes ({@code direct:sync-<stream>}) once into DuckDB and
 * once into BigQuery, ends with the same current rows and the same history keys in both.
 * <p>
 * One application, WireMock as Freshdesk and {@link FakeBigQuery} as BigQuery; the profile makes the application's
 * destination a {@link SwitchableDestination}, pointed at DuckDB for the first pass and at BigQuery for the second,
 * so each pass has its own cursors, boundary keys and tables. The BigQuery side is read from what the fake
 * received: the history from the insertAll requests, the current rows from the MERGEs (per id, the history row
 * that won among those in the statement's {@code _loaded_at} range). The fake does not run SQL: this checks what
 * the loader sends, not BigQuery's execution of it.
 */
@QuarkusTest
@TestProfile(DestinationParityTest.BothDestinations.class)
@WithTestResource(FreshdeskWireMock.class)
@WithTestResource(value = BigQueryWireMock.class, initArgs = @ResourceArg(name = BigQueryWireMock.DESTINATION_TYPE, value = SwitchableSinkRoutes.TYPE))
class DestinationParityTest {

    public static class BothDestinations implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SwitchableDestination.class);
        }
    }

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<FreshdeskStream> STREAMS = List.of(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.CONTACTS,
            FreshdeskCatalogue.COMPANIES);

    WireMockServer wireMock;
    FakeFreshdesk freshdesk;
    FakeBigQuery bigQuery;

    @Inject
    ProducerTemplate producer;
    @Inject
    Destination destination;
    @Inject
    SyncRuns runs;

    @Test
    void theSameSyncIntoDuckDbAndIntoBigQueryEndsWithTheSameRows() {
        SwitchableDestination both = (SwitchableDestination) destination;

        both.useDuckDb();
        List<String> duckDbRuns = syncScenario();
        both.useBigQuery();
        bigQuery.reset();
        List<String> bigQueryRuns = syncScenario();

        assertThat(bigQuery.unknown).isEmpty();
        // the run summaries (records, pages, inserted/updated/unchanged, skipped, rejected, cursor) match run by run
        assertThat(bigQueryRuns).isEqualTo(duckDbRuns);

        for (FreshdeskStream stream : STREAMS) {
            String name = stream.streamName();

            Map<Long, Map<String, Object>> duckCurrent = duckDbCurrent(both, stream);
            Map<Long, Map<String, Object>> bqCurrent = bigQueryCurrent(stream);
            assertThat(bqCurrent.keySet()).as(name + ": ids in the current table").isEqualTo(duckCurrent.keySet());
            duckCurrent
                    .forEach((id, row) -> assertThat(bqCurrent.get(id)).as(name + " current row " + id).isEqualTo(row));

            Map<String, Map<String, Object>> duckHistory = duckDbHistory(both, stream);
            Map<String, List<Map<String, Object>>> bqHistory = bigQueryHistory(stream);
            // BigQuery's history is at-least-once: distinct keys must match (none missing, none extra), and
            // the copies of a key must all be the very version DuckDB holds
            assertThat(bqHistory.keySet()).as(name + ": (id, updated_at) keys in " + name + "_changes")
                    .isEqualTo(duckHistory.keySet());
            duckHistory.forEach((key, row) -> assertThat(bqHistory.get(key)).as(name + "_changes " + key)
                    .isNotEmpty()
                    .allSatisfy(copy -> assertThat(copy).isEqualTo(row)));

            SyncState duckState = both.duckDb().loadState(name).orElseThrow();
            SyncState bqState = bigQueryState(name);
            assertThat(bqState.cursor()).as(name + " cursor").isEqualTo(duckState.cursor());
            assertThat(bqState.boundaryKeys()).as(name + " boundary keys").isEqualTo(duckState.boundaryKeys());
        }

        // the scenario did what it is meant to (so the comparisons above are not vacuous)
        Map<Long, Map<String, Object>> tickets = duckDbCurrent(both, FreshdeskCatalogue.TICKETS);
        assertThat(tickets).hasSize(302);
        assertThat(duckDbHistory(both, FreshdeskCatalogue.TICKETS)).hasSize(302 + 4);
        assertThat(tickets.get(10L)).containsEntry("updated_at", at(1000))
                .containsEntry("subject", "It's \"quoted\" \\ back\nslash ✓ #10");
        assertThat(tickets.get(3L)).containsEntry("updated_at", at(2000))
                .containsEntry("subject", "Changed 3")
                .containsEntry("status", 4L);
        assertThat(tickets.get(77L)).doesNotContainKey("status").containsEntry("group_id", 1077L);
        assertThat(tickets.get(8L)).containsEntry("is_escalated", true)
                .containsEntry("fr_due_by",
                        Instant.parse("2025-02-01T10:00:00Z"));
        assertThat(duckDbCurrent(both, FreshdeskCatalogue.CONTACTS)).hasSize(31);
        assertThat(duckDbHistory(both, FreshdeskCatalogue.CONTACTS)).hasSize(32);
        assertThat(duckDbCurrent(both, FreshdeskCatalogue.COMPANIES)).hasSize(13);
        assertThat(duckDbHistory(both, FreshdeskCatalogue.COMPANIES)).hasSize(14);
        assertThat(duckDbRuns.get(3)).contains("tickets", "2 inserted, 2 updated");
    }

    /** The stream's cursor as the BigQuery sink reads it back from {@code _sync_state}. */
    SyncState bigQueryState(String stream) {
        Exchange exchange = producer.send(SwitchableSinkRoutes.BIGQUERY + "-load-state",
                e -> e.setProperty(Sink.TABLE,
                        new StreamTable(stream, List.of())));
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(SyncState.class);
    }

    // ---------------------------------------------------------------------------------------------- scenario

    /**
     * Three runs of every stream over the same Freshdesk data: 300 tickets (120 of them in one second, more than
     * a page, the rest six to a second), two tickets updated while the first run reads; then updates, new records
     * and a new ticket at the cursor's own second; then a run with nothing new. Returns the run summaries.
     */
    List<String> syncScenario() {
        wireMock.resetAll();
        freshdesk.reset();
        wireMock.stubFor(get(urlPathMatching("/api/v2/(tickets|contacts|companies)"))
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));
        for (int i = 1; i <= 300; i++) {
            ticket(i, i <= 120 ? at(5) : at(10 + (i - 121) / 6));
        }
        for (int i = 1; i <= 30; i++) {
            contact(i, at(100 + i / 4));
        }
        for (int i = 1; i <= 12; i++) {
            company(i, at(200));
        }
        // before the third tickets request: two tickets already read move to the end of the list
        freshdesk.beforeAnswer(n -> {
            if (n == 3) {
                freshdesk.touch("tickets", 10, at(1000));
                freshdesk.touch("tickets", 150, at(1001));
            }
        });

        List<String> summaries = new ArrayList<>();
        syncAll(summaries);
        freshdesk.beforeAnswer(n -> {
        });

        ObjectNode three = ticket(3, at(2000));
        three.put("subject", "Changed 3");
        three.put("status", 4);
        ticket(7, at(2000)).put("priority", 4);
        ticket(301, at(1001)); // the cursor's own second: the boundary ticket 150 is read again and skipped
        ticket(302, at(2001));
        contact(5, at(3000)).put("name", "Renamed 5");
        contact(31, at(3001));
        company(2, at(4000)).put("name", "Renamed 2");
        company(13, at(200));
        syncAll(summaries);

        syncAll(summaries);
        return summaries;
    }

    void syncAll(List<String> summaries) {
        for (FreshdeskStream stream : STREAMS) {
            producer.sendBody("direct:sync-" + stream.streamName(), null);
            SyncOutcome outcome = runs.last(stream.streamName()).orElseThrow();
            assertThat(outcome.status()).as(stream + ": " + outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
            summaries.add(stream.streamName() + ": " + outcome.message().replaceAll("; [0-9.]+ s$", ""));
        }
    }

    ObjectNode ticket(long id, Instant updatedAt) {
        ObjectNode t = freshdesk.put("tickets", id, updatedAt);
        t.put("subject", id % 10 == 0 ? "It's \"quoted\" \\ back\nslash ✓ #" + id : "Ticket " + id);
        t.put("status", 2 + id % 3);
        t.put("priority", 1 + id % 4);
        t.put("source", id % 3 == 0 ? 2 : 1);
        if (id % 5 == 0) {
            t.putNull("type");
        } else {
            t.put("type", "Question");
        }
        t.put("requester_id", 67_000_000_000L + id);
        t.putNull("responder_id");
        if (id % 4 == 1) {
            t.put("group_id", String.valueOf(1000 + id)); // a number as a string: still typed
        } else {
            t.put("group_id", 1000 + id);
        }
        t.putArray("tags").add("t" + id % 3).add("ünï");
        t.put("due_by", "2025-02-01T10:00:00Z");
        t.put("fr_due_by", "2025-02-01T15:30:00+05:30");
        t.put("is_escalated", id % 2 == 0);
        ObjectNode custom = t.putObject("custom_fields");
        custom.put("cf_plan", id % 2 == 0 ? "gold" : "silver").put("cf_n", id).put("cf_rate", 1.25).putNull("cf_none");
        custom.putObject("cf_nested").putArray("a").add(1).add("x");
        t.put("not_a_core_field", "kept in record " + id);
        if (id == 77) {
            t.put("status", "open"); // not an integer: NULL in the typed column, kept in the record
        }
        return t;
    }

    ObjectNode contact(long id, Instant updatedAt) {
        ObjectNode c = freshdesk.put("contacts", id, updatedAt);
        c.put("name", "Contact " + id);
        c.put("email", "c" + id + "@example.com");
        c.putNull("phone");
        c.put("company_id", id % 3 == 0 ? null : 500L + id);
        c.put("active", id % 2 == 1);
        c.put("time_zone", "Eastern Time (US & Canada)");
        c.putObject("custom_fields").put("cf_vip", id % 7 == 0);
        return c;
    }

    ObjectNode company(long id, Instant updatedAt) {
        ObjectNode c = freshdesk.put("companies", id, updatedAt);
        c.put("name", "Company " + id);
        c.put("description", id % 2 == 0 ? "desc 'quoted' " + id : null);
        c.putArray("domains").add("c" + id + ".example.com");
        c.put("industry", "Software");
        c.putObject("custom_fields");
        return c;
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    // ---------------------------------------------------------------------------------------------- DuckDB side

    Map<Long, Map<String, Object>> duckDbCurrent(SwitchableDestination both, FreshdeskStream stream) {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : duckDbRows(both, stream, stream.table().currentTable())) {
            rows.put((Long) row.get("id"), row);
        }
        return rows;
    }

    Map<String, Map<String, Object>> duckDbHistory(SwitchableDestination both, FreshdeskStream stream) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : duckDbRows(both, stream, stream.table().changesTable())) {
            Map<String, Object> previous = rows.put(key(row), row);
            assertThat(previous).as("DuckDB keeps one row per key").isNull();
        }
        return rows;
    }

    List<Map<String, Object>> duckDbRows(SwitchableDestination both, FreshdeskStream stream, String table) {
        StringBuilder select = new StringBuilder("SELECT id, updated_at");
        for (Column column : stream.columns()) {
            select.append(", ")
                    .append(column.type() == Column.ColumnType.JSON
                            ? "CAST(\"" + column.name() + "\" AS VARCHAR) AS \"" + column.name() + "\""
                            : "\"" + column.name() + "\"");
        }
        select.append(", CAST(record AS VARCHAR) AS record FROM \"").append(table).append('"');
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> raw : both.duckDb().query(select.toString())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", ((Number) raw.get("id")).longValue());
            row.put("updated_at", ((OffsetDateTime) raw.get("updated_at")).toInstant());
            for (Column column : stream.columns()) {
                Object value = raw.get(column.name());
                if (value != null) {
                    row.put(column.name(), switch (column.type()) {
                        case BIGINT, INTEGER -> ((Number) value).longValue();
                        case BOOLEAN -> value;
                        case TIMESTAMP -> ((OffsetDateTime) value).toInstant();
                        case VARCHAR -> value.toString();
                        case JSON -> json(value.toString());
                    });
                }
            }
            row.put("record", json(raw.get("record").toString()));
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------- BigQuery side

    /** The current table as the MERGEs left it: per id the history row that won, typed like its columns. */
    Map<Long, Map<String, Object>> bigQueryCurrent(FreshdeskStream stream) {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        bigQuery.currentRows.getOrDefault(stream.table().currentTable(), Map.of())
                .forEach((id, sent) -> rows.put(id, typed(stream, sent)));
        return rows;
    }

    /** {@code <stream>_changes} as streamed: every insertAll row, grouped by its (id, updated_at) key. */
    Map<String, List<Map<String, Object>>> bigQueryHistory(FreshdeskStream stream) {
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        for (FakeBigQuery.Insert insert : bigQuery.insertsInto(stream.table().changesTable())) {
            for (JsonNode sent : insert.rows()) {
                Map<String, Object> row = typed(stream, sent);
                rows.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row);
            }
        }
        return rows;
    }

    /** A row as insertAll sent it, typed like the table's columns. */
    static Map<String, Object> typed(FreshdeskStream stream, JsonNode sent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", sent.get("id").asLong());
        row.put("updated_at", Instant.parse(sent.get("updated_at").asText()));
        for (Column column : stream.columns()) {
            JsonNode value = sent.get(column.name());
            if (value != null && !value.isNull()) {
                row.put(column.name(), switch (column.type()) {
                    case BIGINT, INTEGER -> value.asLong();
                    case BOOLEAN -> value.asBoolean();
                    case TIMESTAMP -> Instant.parse(value.asText());
                    case VARCHAR -> value.asText();
                    // JSON columns are streamed as JSON text
                    case JSON -> json(value.asText());
                });
            }
        }
        row.put("record", json(sent.get("record").asText()));
        return row;
    }

    static String key(Map<String, Object> row) {
        return row.get("id") + "@" + row.get("updated_at");
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
