package io.freshdeskbigquery.sync;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.write.MergeBehind;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's rows reached the history but its merge never ran (stopped between the two, or the merge failed): the next run
 * brings the current table up to date even when it has nothing new to write, and also when it fails before writing
 * anything. Camel's AdviceWith makes the stream's merges fail while {@link #MERGES_FAIL} is set. (A class of its own:
 * the advice changes this application's route.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {@ResourceArg(name = "sync.streams", value = "tickets"),
        @ResourceArg(name = "freshdesk.retry.max-attempts", value = "1")})
class InterruptedMergeTest extends SyncTestSupport {

    static final AtomicBoolean MERGES_FAIL = new AtomicBoolean();
    static final AtomicBoolean ADVISED = new AtomicBoolean();

    @Inject
    CamelContext camel;

    @BeforeEach
    void mergesFailOnDemand() throws Exception {
        MERGES_FAIL.set(false);
        if (ADVISED.compareAndSet(false, true)) {
            AdviceWith.adviceWith(camel, MergeBehind.ROUTE_PREFIX + "tickets",
                    route -> route.weaveByToUri(Sink.MERGE)
                            .before()
                            .process(exchange -> {
                                if (MERGES_FAIL.get()) {
                                    throw new IllegalStateException("simulated stop before the merge");
                                }
                            }));
        }
    }

    /** 250 tickets in the history, none in the current table: the state a stop between write and merge leaves. */
    private void historyAheadOfTheCurrentTable() {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        MERGES_FAIL.set(true);
        SyncOutcome interrupted = sync("tickets");
        MERGES_FAIL.set(false);
        assertThat(interrupted.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets")).isZero();
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }

    @Test
    void aRunWithNothingNewMergesWhatTheHistoryHoldsBeyondTheCurrentTable() {
        historyAheadOfTheCurrentTable();

        SyncOutcome quiet = sync("tickets");

        assertThat(quiet.status()).as(quiet.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(quiet.message()).contains("250 inserted");
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
    }

    @Test
    void aRunThatFailsBeforeWritingStillMergesWhatTheHistoryHoldsBeyondTheCurrentTable() {
        historyAheadOfTheCurrentTable();
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"down\"}")));

        SyncOutcome failed = sync("tickets");

        assertThat(failed.status()).isEqualTo(SyncOutcome.Status.FAILED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(cursor("tickets")).isEqualTo(at(250));
    }
}
