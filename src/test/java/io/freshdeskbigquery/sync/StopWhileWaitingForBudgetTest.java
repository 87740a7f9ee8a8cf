package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.EndStoppedRun;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application stops (SIGTERM, {@code q} in dev mode) while a run waits for the request budget: the run stops at
 * once instead of holding the stop until the budget's next minute (Camel's shutdown waited for it up to its 30 s
 * timeout), its written page stays written and its cursor where that page put it. (A class of its own: it stops this
 * application's Camel context.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // one request a minute: the second page waits for the next minute
        @ResourceArg(name = "freshdesk.rate-limit.per-minute", value = "1"),
        // a batch per page
        @ResourceArg(name = "sync.write.batch-rows", value = "100")})
class StopWhileWaitingForBudgetTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void aRunWaitingForTheBudgetStopsAtOnceWithItsCursorWhereItsWrittenPagePutIt() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        List<String> stopLines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(EndStoppedRun.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                stopLines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            producer.asyncSendBody("direct:sync-tickets", null);
            // the first page is written; the second waits at the throttle for the next minute's budget
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count("SELECT count(*) FROM tickets_changes") == 100
                            && at(100).equals(cursor("tickets")));
            Thread.sleep(1000);

            long start = System.nanoTime();
            camel.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("the stop").isLessThan(Duration.ofSeconds(10));
            SyncOutcome stopped = runs.last("tickets").orElseThrow();
            assertThat(stopped.status()).as(stopped.message()).isEqualTo(SyncOutcome.Status.STOPPED);
            assertThat(stopped.message()).isEqualTo("stopped by the application's shutdown after 1 pages (100 records);"
                    + " the cursor stays at " + at(100) + ", where the next run resumes");
            assertThat(stopLines).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("tickets: run tickets-")
                            .endsWith(" " + stopped.message()));
            assertThat(cursor("tickets")).isEqualTo(at(100));
            assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(100);
            assertThat(wireMock.getAllServeEvents()).as("the page waiting for the budget is not asked for").hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
