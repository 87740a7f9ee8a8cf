package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.FireSkipped;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream whose run outlasts its schedule's period: the fire due while the run goes on is skipped, with a line saying
 * so, and the next run starts at the schedule's next fire, never right after the long run (Quartz held a stateful job's
 * fire back until the run ended, then fired it at once: two runs back to back, then none at the next fire).
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // the tickets list alone: one request a run
        @ResourceArg(name = "sync.tickets.deletions", value = "false"),
        @ResourceArg(name = "sync.tickets.schedule", value = "0/2 * * * * ?"),
        // the slow answers are not timeouts
        @ResourceArg(name = "freshdesk.timeout.response", value = "10000")})
class OverlongRunSkipsFireTest extends SyncTestSupport {

    /** Each run is one request, answered after this long: longer than the schedule's 2 s. */
    static final long ANSWER_MS = 2500;

    @Inject
    CamelContext camel;

    private final List<String> skipLines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(FireSkipped.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            skipLines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void aFireDueWhileTheRunBeforeGoesOnIsSkippedAndTheNextRunWaitsForTheNextFire() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        freshdesk.beforeAnswer(n -> {
            try {
                Thread.sleep(ANSWER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        logger.addHandler(handler);

        // the schedule runs from the application's start: the first request may have come before the answers were slow
        await().atMost(Duration.ofSeconds(40)).until(() -> requestTimes().size() >= 4);

        List<Long> times = requestTimes();
        for (int i = 2; i < times.size(); i++) {
            long sinceTheAnswerBefore = times.get(i) - (times.get(i - 1) + ANSWER_MS);
            assertThat(sinceTheAnswerBefore)
                    .as("ms from a run's answer to the next run's request; request times (ms) %s", times)
                    .isGreaterThanOrEqualTo(700);
        }
        assertThat(skipLines).isNotEmpty()
                .allSatisfy(
                        line -> assertThat(line).matches("tickets: the run due at \\S+Z is skipped: run tickets-\\S+,"
                                + " started \\S+Z, still goes on; the next run is due at \\S+Z"));
        // a thread for the stream's run, one for the fire that finds it going
        assertThat(camel.getComponent("quartz", QuartzComponent.class).getScheduler().getMetaData().getThreadPoolSize())
                .as("Quartz's worker threads")
                .isEqualTo(2);
    }

    private List<Long> requestTimes() {
        return wireMock.getAllServeEvents()
                .stream()
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }
}
