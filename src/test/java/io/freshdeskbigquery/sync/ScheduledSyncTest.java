package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's Quartz trigger, as configured, really fires and runs the sync: nothing in this test calls the
 * sync route itself.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets"),
        @ResourceArg(name = "sync.tickets.schedule", value = "0/1 * * * * ?")})
class ScheduledSyncTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    WireMockServer wireMock;
    FakeFreshdesk freshdesk;

    @Inject
    CamelContext camel;
    @Inject
    Destination destination;

    @Test
    void theQuartzTriggerRunsTheStreamOnItsScheduleFromTheCursor() {
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));
        // the schedule fires every second; nothing here calls the sync route: a later run must come and ask only
        // for what changed since the cursor the first run after the stub committed
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> wireMock.verify(
                        getRequestedFor(urlPathEqualTo("/api/v2/tickets"))
                                .withQueryParam("updated_since", equalTo(T0.plusSeconds(3).toString()))));

        assertThat(((DuckDbDestination) destination).query("SELECT id FROM tickets ORDER BY id"))
                .extracting(row -> row.get("id"))
                .containsExactly(1L, 2L, 3L);
        assertThat(((DuckDbDestination) destination).loadState("tickets").map(SyncState::cursor))
                .contains(T0.plusSeconds(3));
        // the shipped destination.duckdb.* defaults reach DuckDB
        assertThat(destination.describe()).contains("memory_limit 488.2 MiB", "checkpoint_threshold 244.1 MiB",
                "threads 1",
                "row groups of 16384 rows");
        assertThat(List.of(camel.getRoute("schedule-tickets").getEndpoint().getEndpointUri()))
                .allSatisfy(uri -> assertThat(uri).startsWith("quartz://freshdesk/tickets"));
    }
}
