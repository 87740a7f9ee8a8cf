package io.freshdeskbigquery.sync;

import java.time.Duration;

import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application stops (SIGTERM, {@code q} in dev mode: Camel's context stops) in the middle of a run: the run stops
 * paging, writes what it read, brings the current table up to date (directly: the stream's merge queue takes nothing
 * more once the shutdown began) and says it was stopped, with the cursor where the next run resumes. (A class of its
 * own: it stops this application's Camel context.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // a batch per page, and no merge until the end of the run
        @ResourceArg(name = "sync.write.batch-rows", value = "100"),
        @ResourceArg(name = "destination.duckdb.merge-every-batches", value = "1000")})
class StopMidRunTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void aRunStoppedByTheShutdownWritesWhatItReadMergesItAndSaysSo() throws Exception {
        serveFakeLists();
        // about 200 ms a page: 30 pages take long enough to be stopped in the middle
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).atPriority(1)
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withFixedDelay(200).withTransformers(FakeFreshdesk.NAME)));
        for (int i = 1; i <= 3000; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        producer.asyncSendBody("direct:sync-tickets", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM tickets_changes") >= 200);

        camel.stop();

        SyncOutcome stopped = runs.last("tickets").orElseThrow();
        assertThat(stopped.status()).as(stopped.message()).isEqualTo(SyncOutcome.Status.STOPPED);
        long written = count("SELECT count(*) FROM tickets_changes");
        assertThat(written).isBetween(200L, 2999L);
        assertThat(stopped.message()).contains("stopped by the application's shutdown",
                "the cursor stays at " + at((int) written));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(written);
        assertThat(cursor("tickets")).isEqualTo(at((int) written));
    }
}
