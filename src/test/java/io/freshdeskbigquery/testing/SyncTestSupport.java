package io.freshdeskbigquery.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** What the sync tests share: WireMock as Freshdesk, the DuckDB destination, and running a stream. */
public abstract class SyncTestSupport {

    protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    protected WireMockServer wireMock;
    protected FakeFreshdesk freshdesk;

    @Inject
    protected ProducerTemplate producer;
    @Inject
    protected Destination destination;
    @Inject
    protected SyncRuns runs;

    @BeforeEach
    void resetWorld() {
        wireMock.resetAll();
        freshdesk.reset();
        DuckDbDestination db = duckDb();
        for (FreshdeskStream stream : FreshdeskCatalogue.values()) {
            db.execute("DROP TABLE IF EXISTS \"" + stream.table().currentTable() + "\"");
            db.execute("DROP TABLE IF EXISTS \"" + stream.table().changesTable() + "\"");
        }
        db.execute("DELETE FROM _sync_state");
        db.execute("DELETE FROM _rejected");
    }

    /** Serves the lists from {@link FakeFreshdesk} to requests with the right key; 401 otherwise. */
    protected void serveFakeLists() {
        wireMock.stubFor(get(urlPathMatching("/api/v2/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to perform this action.\"}")));
        wireMock.stubFor(get(urlPathMatching("/api/v2/(" + String.join("|", FreshdeskCatalogue.values()
                .stream()
                .map(stream -> stream.path().replace("{id}", "\\d+"))
                .toList()) + ")")).atPriority(5)
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));
    }

    /** Runs one stream once, the way its schedule would, and waits for the end. */
    protected SyncOutcome sync(String stream) {
        producer.sendBody("direct:sync-" + stream, null);
        return runs.last(stream).orElseThrow();
    }

    protected DuckDbDestination duckDb() {
        return (DuckDbDestination) destination;
    }

    protected List<Map<String, Object>> query(String sql, Object... parameters) {
        return duckDb().query(sql, parameters);
    }

    protected long count(String sql, Object... parameters) {
        return ((Number) query(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    protected Instant cursor(String stream) {
        return duckDb().loadState(stream).map(SyncState::cursor).orElse(null);
    }

    protected static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    protected static Instant instant(Object timestamp) {
        return ((OffsetDateTime) timestamp).toInstant();
    }
}
