package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-behind: a batch is written on the stream's writer thread while the paging loop fetches the next pages,
 * and the cursor never passes rows that were not written.
 */
@QuarkusTest
// a batch per page (a page is never split)
@WithTestResource(value = FreshdeskWireMock.class, initArgs = @ResourceArg(name = "sync.write.batch-rows", value = "1"))
class WriteBehindTest extends SyncTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void aWriteThatFailsWhileTheNextPageIsFetchedNeverLetsTheCursorPassItsRows() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 400; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // page 3's batch (tickets 200-298; 199 was page 2's last) fails in DuckDB, but only once page 4 has been asked
        // for: its write and the next fetch overlap
        AtomicBoolean armed = new AtomicBoolean(true);
        AdviceWith.adviceWith(camel, "duckdb-write", route -> route.weaveAddFirst().process(exchange -> {
            boolean holdsTicket250 = exchange.getMessage()
                    .getBody(List.class)
                    .stream()
                    .anyMatch(row -> ((Row) row).id() == 250);
            if (holdsTicket250 && armed.get()) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> !wireMock.findAll(getRequestedFor(
                                urlPathEqualTo("/api/v2/tickets"))
                                .withQueryParam("updated_since", equalTo(at(298).toString()))).isEmpty());
                throw new DestinationException("disk full (injected)", null);
            }
        }));

        SyncOutcome failed = sync("tickets");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(failed.message())
                .contains("tickets: writing the rows of page 3 (99 rows) failed; the cursor stays at "
                        + at(199) + ", where the rows written end: disk full (injected)");
        // the cursor is where pages 1 and 2 took it; nothing of page 3 or of the pages read after it was written
        assertThat(cursor("tickets")).isEqualTo(at(199));
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(199);
        assertThat(count("SELECT max(id) FROM tickets_changes")).isEqualTo(199);

        armed.set(false);
        SyncOutcome resumed = sync("tickets");

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(400);
        assertThat(cursor("tickets")).isEqualTo(at(400));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since",
                equalTo(at(199).toString())));
    }
}
