package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing makes a run wait without end: a page trickled a few bytes at a time is cut off at
 * {@code freshdesk.timeout.request}, a {@code Retry-After} past {@code freshdesk.retry.max-retry-after} fails the run
 * at once, a nonsense one waits the default, and a 429 storm ends the run after
 * {@code freshdesk.retry.max-rate-limited-wait}. Small values here keep the tests short.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "freshdesk.timeout.connect", value = "500"),
        @ResourceArg(name = "freshdesk.timeout.response", value = "2000"),
        @ResourceArg(name = "freshdesk.timeout.request", value = "2500"),
        @ResourceArg(name = "freshdesk.retry.default-retry-after", value = "1"),
        @ResourceArg(name = "freshdesk.retry.max-retry-after", value = "2"),
        @ResourceArg(name = "freshdesk.retry.max-rate-limited-wait", value = "3s")})
class BoundedWaitsTest extends SyncTestSupport {

    private Logger logger;
    private Handler handler;

    private static final String PAGE = "[{\"id\":1,\"updated_at\":\"2025-01-01T00:00:01Z\"}]";
    /** Longer than any test's own wait: a run that is not cut short is still waiting when the test gives up. */
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    /**
     * The page in 40 pieces over 10 s: each piece well within freshdesk.timeout.response (2 s), the whole not. (Not
     * gzipped: WireMock's gzip would hold the pieces back.)
     */
    private static ResponseDefinitionBuilder trickled() {
        return aResponse().withHeader("Content-Encoding", "identity")
                .withBody(PAGE)
                .withChunkedDribbleDelay(40, 10_000);
    }

    @Test
    void aPageTrickledPastTheRequestDeadlineIsAbortedAndAskedForAgain() {
        answers("trickled", trickled(), aResponse().withBody(PAGE));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // the trickled answer was cut off and the same page asked again, like after any timeout
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(1);
    }

    @Test
    void aPageThatIsAlwaysTrickledFailsTheRunAsATimeoutOnceItsRetriesAreSpent() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(trickled()));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("SocketTimeoutException", "freshdesk.timeout.request (2500 ms)");
        // the first request and freshdesk.retry.max-attempts (3) retries
        assertThat(wireMock.getAllServeEvents()).hasSize(4);
        assertThat(cursor("tickets")).isNull();
    }

    @Test
    void aRetryAfterPastItsCapFailsTheRunAtOnceNamingTheValueAndTheKey() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "999999")));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 1", "Retry-After 999999 s",
                "freshdesk.retry.max-retry-after (2 s)");
        // not asked again
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aNegativeRetryAfterWaitsTheDefaultWithAWarning() {
        List<String> warnings = warningsOf("io.freshdeskbigquery.freshdesk.RateLimitWaits");
        answers("negative", aResponse().withStatus(429).withHeader("Retry-After", "-5"), aResponse().withBody(PAGE));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
        // the default (1 s), not -5 s taken as 0
        assertThat(gapBetweenRequests()).isGreaterThanOrEqualTo(900);
        assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                .contains("Stream tickets, page 1", "Retry-After '-5'", "freshdesk.retry.default-retry-after (1 s)"));
    }

    @Test
    void anOverflowingRetryAfterWaitsTheDefaultWithAWarning() {
        List<String> warnings = warningsOf("io.freshdeskbigquery.freshdesk.RateLimitWaits");
        answers("overflowing", aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999999"),
                aResponse().withBody(PAGE));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(wireMock.getAllServeEvents()).hasSize(2);
        assertThat(gapBetweenRequests()).isGreaterThanOrEqualTo(900);
        assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                .contains("Retry-After '99999999999999999999'", "freshdesk.retry.default-retry-after (1 s)"));
    }

    @Test
    void anEndless429StormEndsTheRunOnceItHasWaitedItsMost() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        SyncOutcome outcome = syncAtMost("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("Stream tickets, page 1", "waited 3 s in all",
                "freshdesk.retry.max-rate-limited-wait (3 s)");
        // three waits of 1 s (3 s, the most), then the fourth 429 ends the run instead of a fourth wait
        assertThat(wireMock.getAllServeEvents()).hasSize(4);
    }

    /** The stream's answers, one after the other (the last one from then on). */
    private void answers(String scenario, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var stub = get(urlPathEqualTo("/api/v2/tickets")).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i)
                    .willReturn(answers[i]);
            wireMock.stubFor(i < answers.length - 1 ? stub.willSetStateTo("answer-" + (i + 1)) : stub);
        }
    }

    /** Runs the stream once; a run still going after {@link #AT_MOST} fails the test instead of holding it up. */
    private SyncOutcome syncAtMost(String stream) {
        CompletableFuture<Object> done = producer.asyncSendBody("direct:sync-" + stream, null);
        Awaitility.await().atMost(AT_MOST).until(done::isDone);
        return runs.last(stream).orElseThrow();
    }

    private long gapBetweenRequests() {
        List<Long> times = wireMock.getAllServeEvents()
                .stream()
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
        return times.get(1) - times.get(0);
    }

    /** The WARN lines a class logs from now on, until the test ends (Quarkus's log manager is java.util.logging's). */
    private List<String> warningsOf(String source) {
        List<String> lines = new CopyOnWriteArrayList<>();
        logger = Logger.getLogger(source);
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        return lines;
    }

    @AfterEach
    void stopListening() {
        if (logger != null) {
            logger.removeHandler(handler);
            logger = null;
        }
    }
}
