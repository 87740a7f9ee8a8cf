package io.freshdeskbigquery.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.freshdesk.FreshdeskSettings;
import io.freshdeskbigquery.freshdesk.ObserveResponse;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.SimulatorTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection over HTTP with the simulator: 5xx bursts, 429s with Retry-After, truncated bodies, a response
 * slower than the timeout, a record served broken once, empty answers. The run must end with every record
 * loaded exactly once and the cursor at the newest record.
 */
@QuarkusTest
@TestProfile(SimulatorFaultsTest.Faulty.class)
class SimulatorFaultsTest extends SimulatorTestSupport {

    @Inject
    FreshdeskSettings settings;

    public static class Faulty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return simulatedAccount(1500, 100, 20, Map.of(
                    "freshdesk.timeout.response", "1000",
                    "freshdesk.retry.initial-delay", "20",
                    "freshdesk.retry.max-delay", "100",
                    // six faults on one page; a reset or a timed-out slow answer can also spoil the next request on
                    // the same pooled connection, so the page gets room for more retries than faults
                    "freshdesk.retry.max-attempts", "12",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb"));
        }
    }

    @Test
    void everyRecordArrivesOnceThroughEveryKindOfFault() {
        simulator.faults()
                .on("tickets")
                .serverErrors(2, 503)
                .truncatedBody(1)
                .tooManyRequests(2, 1)
                .slowResponse(1, Duration.ofSeconds(3))
                .serverErrors(1, 500)
                .connectionReset(1);
        SyncOutcome first = sync("tickets");
        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);

        simulator.mutations().updateRandom("tickets", 150);
        simulator.faults().on("tickets").badRecord(1);
        SyncOutcome second = sync("tickets");

        assertThat(second.status()).as(second.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(simulator.faults().pending()).isZero();
        Map<Long, Instant> source = source("tickets");
        Map<Long, Instant> loaded = loaded("tickets");
        long rejected = (Long) db().query("SELECT count(*) AS n FROM _rejected WHERE stream = 'tickets'")
                .get(0)
                .get("n");
        // the page with the broken record was asked for again and came back whole
        assertThat(rejected).isZero();
        assertThat(loaded).isEqualTo(source);
        assertThat(db().query("SELECT count(*) AS n FROM tickets_changes").get(0).get("n"))
                .isEqualTo(loaded.size() + 150L);
        assertThat(((DuckDbDestination) destination).loadState("tickets").orElseThrow().cursor())
                .isEqualTo(source.values().stream().max(Instant::compareTo).orElseThrow());
    }

    @Test
    void faultsCanBeArmedOverHttpWhileTheAppRuns() {
        int before = simulator.faults().pending();

        String simulatorRoot = settings.baseUrl().replace("/api/v2", "");
        String answer = producer.requestBodyAndHeader(
                simulatorRoot + "/faults?kind=serverErrors&count=2&status=502&stream=contacts", "",
                Exchange.HTTP_METHOD, "POST", String.class);

        assertThat(answer).contains("\"armed\":\"serverErrors\"");
        assertThat(simulator.faults().pending()).isEqualTo(before + 2);
        simulator.faults().clear();
    }

    @Test
    void itsAnswersCarryTheSimulatedAccountsClockOverHttp() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/groups"))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((settings.apiKey() + ":X").getBytes(
                                        StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        // the simulator's clock, not this machine's: a run's progress is measured to it
        assertThat(answer.headers().firstValue("Date").map(ObserveResponse::date))
                .contains(simulator.now());
    }
}
