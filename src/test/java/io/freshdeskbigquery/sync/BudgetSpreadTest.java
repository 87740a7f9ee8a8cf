package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.util.List;

import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-minute budgets are spread over the minute: a run's requests come at most a sixtieth of the minute's budget in
 * any second, not the whole minute's budget at once (then nothing until the next minute). 120 requests a minute for the
 * account are 2 a second; the contacts list's 60 a minute, 1 a second. WireMock's request journal shows it.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "freshdesk.rate-limit.per-minute", value = "120"),
        @ResourceArg(name = "freshdesk.rate-limit.contacts-list-per-minute", value = "60")})
class BudgetSpreadTest extends SyncTestSupport {

    /**
     * A second, less a tenth: WireMock logs a request when it arrives, a little after the throttle let it go, so logged
     * gaps can be shorter than the throttle's by some milliseconds. (The first request, which also opens the connection,
     * arrives later still: it is left out.)
     */
    static final Duration SECOND = Duration.ofMillis(900);

    @Test
    void theAccountsMinuteIsSpentTwoRequestsASecond() {
        serveFakeLists();
        for (int i = 1; i <= 700; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(700);
        List<Long> times = requestTimes("/api/v2/tickets");
        assertThat(times).as("request times (ms)").hasSizeGreaterThanOrEqualTo(8);
        assertThat(AccountThrottleTest.mostRequestsInAnyWindow(times.subList(1, times.size()), SECOND))
                .as("most requests within a second; times (ms) " + times)
                .isEqualTo(2);
    }

    @Test
    void theContactsListsMinuteIsSpentOneRequestASecond() {
        serveFakeLists();
        for (int i = 1; i <= 400; i++) {
            freshdesk.put("contacts", i, at(i));
        }

        SyncOutcome outcome = sync("contacts");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        List<Long> times = requestTimes("/api/v2/contacts");
        assertThat(times).as("request times (ms)").hasSizeGreaterThanOrEqualTo(5);
        assertThat(AccountThrottleTest.mostRequestsInAnyWindow(times.subList(1, times.size()), SECOND))
                .as("most requests within a second; times (ms) " + times)
                .isEqualTo(1);
    }

    private List<Long> requestTimes(String path) {
        return wireMock.getAllServeEvents()
                .stream()
                .filter(e -> e.getRequest().getUrl().startsWith(path + "?"))
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
    }
}
