package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.fetch-ahead} (on by default): a stream's next page is asked for while the page before becomes rows, the
 * loop uses that answer as its own (each page asked once), and a fetch ahead that fails meets the loop's retry policies
 * as its own fetch would.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class FetchAheadTest extends SyncTestSupport {

    private static final AtomicBoolean HOLD_THE_FIRST_PAGE = new AtomicBoolean();
    private static boolean advised;

    @Inject
    CamelContext camel;

    @Test
    void theNextPageIsAskedForWhileThePageBeforeBecomesRowsAndEachPageOnlyOnce() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // the loop holds page 1 (tickets 1-100) before counting its rows until Freshdesk has been asked for page 2
        // (updated_since = page 1's newest): only a fetch ahead asks for it then; without one the run fails here
        holdTheFirstPageUntilPageTwoIsAskedFor();

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(HOLD_THE_FIRST_PAGE.get()).as("page 1 was held").isFalse();
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM tickets_changes")).isEqualTo(250);
        assertThat(cursor("tickets")).isEqualTo(at(250));
        // three pages (1-100, 100-199, 199-250: updated_since takes in its own second), three requests: the pages
        // fetched ahead were the ones the loop went on with
        assertThat(ticketRequests()).extracting(e -> e.getRequest().queryParameter("updated_since").firstValue())
                .containsExactly("2000-01-01T00:00:00Z", at(100).toString(), at(199).toString());
    }

    @Test
    void aFetchAheadThatFailsIsRetriedByTheLoopLikeItsOwnFetch() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        // page 2 is asked for ahead (held as above, so it is), and Freshdesk answers that request with a 503 once
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since", equalTo(at(100).toString()))
                .atPriority(1).inScenario("ahead").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        holdTheFirstPageUntilPageTwoIsAskedFor();

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        assertThat(cursor("tickets")).isEqualTo(at(250));
        // page 2 twice: the 503 fetched ahead, then the loop's retry of it; nothing else again
        List<ServeEvent> pageTwo = asked(at(100));
        assertThat(pageTwo).extracting(e -> e.getResponse().getStatus()).containsExactlyInAnyOrder(503, 200);
        assertThat(ticketRequests()).extracting(e -> e.getRequest().getUrl() + " " + e.getResponse().getStatus()).hasSize(4);
    }

    @Test
    void a429OnThePageFetchedAheadIsWaitedOutAndThePageAskedAgain() throws Exception {
        serveFakeLists();
        for (int i = 1; i <= 150; i++) {
            freshdesk.put("tickets", i, at(i));
        }
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withQueryParam("updated_since", equalTo(at(100).toString()))
                .atPriority(1).inScenario("ahead").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        holdTheFirstPageUntilPageTwoIsAskedFor();

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(150);
        List<ServeEvent> pageTwo = asked(at(100));
        assertThat(pageTwo).extracting(e -> e.getResponse().getStatus()).containsExactly(429, 200);
        // asked again only once Retry-After (1 s) had passed
        assertThat(pageTwo.get(1).getRequest().getLoggedDate().getTime() - pageTwo.get(0).getRequest().getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(900);
    }

    /**
     * Arms a hold in the tickets loop, before its first page's rows are counted, released once Freshdesk was asked for
     * page 2 ({@code updated_since} = ticket 100's; at most 10 s, after which the hold fails the run).
     */
    private void holdTheFirstPageUntilPageTwoIsAskedFor() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "sync-tickets", route -> route.weaveByToString("process[ref:countPageRecords]").before()
                    .process(exchange -> {
                        if (HOLD_THE_FIRST_PAGE.getAndSet(false)) {
                            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !asked(at(100)).isEmpty());
                        }
                    }));
            advised = true;
        }
        HOLD_THE_FIRST_PAGE.set(true);
    }

    /** The tickets requests with {@code updated_since=since}, in the order they came. */
    private List<ServeEvent> asked(java.time.Instant since) {
        return ticketRequests().stream().filter(e -> e.getRequest().queryParameter("updated_since").isPresent()
                && since.toString().equals(e.getRequest().queryParameter("updated_since").firstValue())).toList();
    }

    /** The tickets list requests, in the order they came. */
    private List<ServeEvent> ticketRequests() {
        return wireMock.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/v2/tickets?"))
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }
}
