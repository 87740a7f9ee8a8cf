package io.freshdeskbigquery.sync;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process dies between a page's write and its cursor commit, the worst moment: Camel's AdviceWith weaves a
 * crash into the real route right after the write to the sink ({@code direct:sink-write}), once. The next run reads those records again and the
 * destination ends with every record once. (A class of its own: the advice changes this application's route.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // a batch per page: the page-by-page order of writes and commits is what is checked
        @ResourceArg(name = "sync.write.batch-rows", value = "1")})
class CrashBeforeCursorCommitTest extends SyncTestSupport {

    static final AtomicBoolean CRASH_ONCE = new AtomicBoolean();

    @Inject
    CamelContext camel;

    @Test
    void rowsWrittenJustBeforeACrashAreNeitherLostNorDuplicated() throws Exception {
        // on the stream's writer, which writes a batch (here: a page) and then commits its cursor: right after the write
        // itself (by its endpoint: a pattern on the nodes' text would also match every block that holds the write)
        AdviceWith.adviceWith(camel, "write-tickets",
                route -> route.weaveByToUri(Sink.WRITE)
                        .after()
                        .process(exchange -> {
                            boolean secondPage = exchange.getMessage()
                                    .getBody(List.class)
                                    .stream()
                                    .anyMatch(row -> ((Row) row).id() == 150);
                            if (secondPage && CRASH_ONCE.compareAndSet(true, false)) {
                                throw new IllegalStateException(
                                        "simulated crash after the write, before the cursor commit");
                            }
                        }));
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // the first page (1..100) is written and committed, the second (101..199) written, then the crash
        CRASH_ONCE.set(true);

        SyncOutcome crashed = sync("tickets");

        assertThat(crashed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(crashed.message()).contains("simulated crash");
        assertThat(cursor("tickets")).isEqualTo(at(100));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(199);

        SyncOutcome resumed = sync("tickets");

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        // the second page came again: already there, not written twice; the rest is new
        assertThat(resumed.message()).contains("51 inserted, 0 updated, 99 already there");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }
}
