package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.freshdeskbigquery.health.SyncHealthCheck;
import io.freshdeskbigquery.health.SyncLivenessCheck;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class RateLimitAndHealthTest extends SyncTestSupport {

    @Inject
    @Readiness
    SyncHealthCheck health;
    @Inject
    @Liveness
    SyncLivenessCheck liveness;
    @Inject
    MeterRegistry registry;

    @Test
    void a429IsWaitedOutForRetryAfterAndTheSamePageIsAskedAgain() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"code\":\"rate_limited\"}"))
                .willSetStateTo("calm"));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(aResponse().withHeader("X-RateLimit-Total", "700")
                        .withHeader("X-RateLimit-Remaining", "600")
                        .withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"}]")));
        double limitedBefore = metric("freshdesk.rate.limited");

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        List<ServeEvent> requests = wireMock.getAllServeEvents()
                .stream()
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .toList();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getRequest().getUrl()).isEqualTo(requests.get(0).getRequest().getUrl());
        assertThat(requests.get(1).getRequest().getLoggedDate().getTime()
                - requests.get(0).getRequest().getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(1);
        assertThat(metric("freshdesk.rate.limited") - limitedBefore).isEqualTo(1);
    }

    @Test
    void waitingOutRateLimitsDoesNotUseUpTheRetriesOfServerErrors() {
        // three 429s, then as many 503s as freshdesk.retry.max-attempts (3 here) allows, then the page
        String[] answers = {"429", "429", "429", "503", "503", "503", "ok"};
        for (int i = 0; i < answers.length; i++) {
            var answer = answers[i].equals("429")
                    ? aResponse().withStatus(429).withHeader("Retry-After", "0")
                    : answers[i].equals("503")
                            ? aResponse().withStatus(503)
                            : aResponse().withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"}]");
            wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("contended")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i)
                    .willReturn(answer)
                    .willSetStateTo("answer-" + (i + 1)));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(wireMock.getAllServeEvents()).hasSize(7);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(1);
    }

    @Test
    void waitingOutRateLimitsDoesNotUseUpTheRetriesOfAPageWithABadRecord() {
        // two 429s, then the page with a record broken in transit, then the same page whole
        String[] answers = {"429", "429", "bad", "ok"};
        for (int i = 0; i < answers.length; i++) {
            var answer = switch (answers[i]) {
                case "429" -> aResponse().withStatus(429).withHeader("Retry-After", "0");
                case "bad" -> aResponse().withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"},"
                        + "{\"id\":2,\"updated_at\":\"2025-01-0\"}]");
                default -> aResponse().withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"},"
                        + "{\"id\":2,\"updated_at\":\"2025-01-01T00:00:02Z\"}]");
            };
            wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("flaky")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i)
                    .willReturn(answer)
                    .willSetStateTo("answer-" + (i + 1)));
        }

        SyncOutcome outcome = sync("tickets");

        // the page was asked for again (freshdesk.retry.bad-record-attempts), so ticket 2 arrived whole
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(wireMock.getAllServeEvents()).hasSize(4);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM _rejected")).isZero();
    }

    @Test
    void aFourthServerErrorOnTheSamePageFailsTheRun() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(503)));

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        // the first request and freshdesk.retry.max-attempts (3) retries
        assertThat(wireMock.getAllServeEvents()).hasSize(4);
    }

    @Test
    void a429OnOneStreamPausesTheOtherStreamsOfTheAccountToo() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("calm"));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(aResponse().withBody("[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"}]")));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/contacts"))
                .willReturn(aResponse().withBody("[{\"id\":7,\"updated_at\":\"2025-01-01T00:00:01Z\"}]")));

        var tickets = producer.asyncSendBody("direct:sync-tickets", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !wireMock.getAllServeEvents().isEmpty());
        sync("contacts");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(tickets::isDone);

        long limitedAt = requestTime("/api/v2/tickets", 429);
        long contactsAt = requestTime("/api/v2/contacts", 200);
        // contacts waited for the tickets' Retry-After (2 s) although it never got a 429 itself
        assertThat(contactsAt - limitedAt).isGreaterThanOrEqualTo(1500);
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(1);
    }

    private long requestTime(String path, int status) {
        return wireMock.getAllServeEvents()
                .stream()
                .filter(e -> e.getRequest().getUrl().startsWith(path) && e.getResponse().getStatus() == status)
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime())
                .min()
                .orElseThrow();
    }

    @Test
    void readinessGoesDownWhenTheApiKeyIsRejectedAndUpAgainAfterASuccess() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/companies")).willReturn(aResponse().withStatus(401)));
        sync("companies");

        HealthCheckResponse down = health.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow().get("reason").toString()).contains("freshdesk.api-key");

        serveFakeLists();
        freshdesk.put("companies", 1, at(1));
        sync("companies");

        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void livenessShowsTheRunInProgressAndGoesDownOnlyWhenItHasHeardNothingForTooLong() throws Exception {
        serveFakeLists();
        freshdesk.put("companies", 1, at(1));
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        // Freshdesk takes 2 s to answer: long enough to look at the run while it waits
        wireMock.setGlobalFixedDelay(2000);
        CompletableFuture<Object> done;
        try {
            done = producer.asyncSendBody("direct:sync-companies", null);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.running().containsKey("companies"));
        } finally {
            wireMock.setGlobalFixedDelay(0);
        }

        HealthCheckResponse now = liveness.call();
        assertThat(now.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(now.getData().orElseThrow().get("companies").toString()).contains("in progress since");
        // the same run, looked at 31 minutes on with nothing heard (health.stalled-after=30m)
        HealthCheckResponse later = liveness.check(Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(later.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(later.getData().orElseThrow().get("companies.stalled").toString())
                .contains("no answer from Freshdesk", "health.stalled-after");

        done.get(10, TimeUnit.SECONDS);
        assertThat(runs.last("companies").orElseThrow().status()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // the run is over: nothing in progress, nothing stuck
        assertThat(liveness.check(Instant.now().plus(Duration.ofMinutes(31))).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aRejectedApiKeyTakesReadinessDownButNotLiveness() {
        wireMock.stubFor(
                get(urlPathEqualTo("/api/v2/companies")).atPriority(1).willReturn(aResponse().withStatus(401)));

        sync("companies");

        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(runs.running()).doesNotContainKey("companies");
    }

    @Test
    void readinessGoesDownAfterRepeatedFailuresOfAStream() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/contacts")).willReturn(aResponse().withStatus(400)
                .withBody("{\"description\":\"Validation failed\"}")));

        for (int i = 0; i < 3; i++) {
            sync("contacts");
        }

        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsKey("contacts.consecutive-failures");
    }

    @Test
    void pagesAndRecordsAreCountedByStream() {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("contacts", i, at(i));
        }
        double pagesBefore = metric("sync.pages", "contacts");
        double recordsBefore = metric("sync.records.loaded", "contacts");

        sync("contacts");

        assertThat(metric("sync.pages", "contacts") - pagesBefore).isEqualTo(2);
        assertThat(metric("sync.records.loaded", "contacts") - recordsBefore).isEqualTo(151);
        assertThat(registry.find("sync.cursor.lag.seconds").tag("stream", "contacts").gauge()).isNotNull();
    }

    private double metric(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double metric(String name, String stream) {
        return registry.find(name).tag("stream", stream).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
