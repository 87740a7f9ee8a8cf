package io.freshdeskbigquery.sync;

import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

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
 * A merge handed over by the writer runs beside the next writes (on DuckDB's second connection), and the run still ends
 * with every record once in the history and its newest version in the current table. The first merge is held up on
 * purpose; the writer and the paging loop go on meanwhile. (A class of its own: the advice changes this application's
 * routes.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        // a batch per page, a merge after every second batch: while the first merge (after page 2) is held up, the
        // writer writes pages 3 and 4, hands over the second merge (the queue holds one), and writes pages 5 and 6
        // (one batch a merge would let it write one page and then wait for the queue: too few to tell)
        @ResourceArg(name = "sync.write.batch-rows", value = "1"),
        @ResourceArg(name = "destination.duckdb.merge-every-batches", value = "2")})
class MergesBesideWritesTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void theWriterGoesOnWhileAMergeRunsAndTheTablesEndExact() throws Exception {
        AtomicBoolean merging = new AtomicBoolean();
        AtomicBoolean firstMerge = new AtomicBoolean(true);
        AtomicInteger writesWhileMerging = new AtomicInteger();
        AdviceWith.adviceWith(camel, "duckdb-merge", route -> route.weaveAddFirst().process(exchange -> {
            if (firstMerge.compareAndSet(true, false)) {
                merging.set(true);
                // long enough for the writer to write the next pages meanwhile
                long until = System.currentTimeMillis() + 1_500;
                while (System.currentTimeMillis() < until && writesWhileMerging.get() < 2) {
                    Thread.sleep(10);
                }
                merging.set(false);
            }
        }));
        AdviceWith.adviceWith(camel, "duckdb-write", route -> route.weaveAddFirst().process(exchange -> {
            if (merging.get()) {
                writesWhileMerging.incrementAndGet();
            }
        }));
        serveFakeLists();
        for (int i = 1; i <= 500; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome first = sync("tickets");

        assertThat(first.status()).as(first.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(writesWhileMerging.get()).as("batches written while the first merge ran").isGreaterThanOrEqualTo(2);
        assertThat(first.message()).contains("500 inserted, 0 updated");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(500);
        assertThat(cursor("tickets")).isEqualTo(at(500));

        // 50 tickets change; the next run reads from the cursor's second again (its ticket is dropped, not loaded twice)
        for (int i = 1; i <= 50; i++) {
            freshdesk.touch("tickets", i * 10, at(1000 + i));
        }
        SyncOutcome second = sync("tickets");

        assertThat(second.status()).as(second.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(second.message()).contains("0 inserted, 50 updated");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM tickets WHERE updated_at > ?", Timestamp.from(at(1000))))
                .isEqualTo(50);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(550);
        assertThat(count("SELECT count(DISTINCT (id, updated_at)) FROM tickets_changes")).isEqualTo(550);
    }
}
