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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application stops while a run waits out a 429's {@code Retry-After} (a minute): the run stops within a second or
 * two, recorded as stopped, its written page kept and its cursor where that page put it; the page is not asked for
 * again. (Camel's shutdown waited for the redelivery until its 30 s timeout, and the run was recorded as nothing.) A
 * class of its own: it stops this application's Camel context.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // a batch per page
        @ResourceArg(name = "sync.write.batch-rows", value = "100")})
class StopWhileWaitingOutRetryAfterTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void aRunWaitingOutRetryAfterStopsAtOnceWithItsCursorWhereItsWrittenPagePutIt() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // the second page is answered 429, come back in a minute
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).atPriority(1)
                .withQueryParam("updated_since", equalTo(at(100).toString()))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).atPriority(2)
                .withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));
        producer.asyncSendBody("direct:sync-tickets", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> wireMock.getAllServeEvents().size() == 2 && at(100).equals(cursor("tickets")));
        Thread.sleep(1000);

        long start = System.nanoTime();
        camel.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("the stop").isLessThan(Duration.ofSeconds(10));
        SyncOutcome stopped = runs.last("tickets").orElseThrow();
        assertThat(stopped.status()).as(stopped.message()).isEqualTo(SyncOutcome.Status.STOPPED);
        assertThat(stopped.message()).isEqualTo("stopped by the application's shutdown after 1 pages (100 records);"
                + " the cursor stays at " + at(100) + ", where the next run resumes");
        assertThat(cursor("tickets")).isEqualTo(at(100));
        assertThat(wireMock.getAllServeEvents()).as("the page answered 429 is not asked for again").hasSize(2);
    }
}
