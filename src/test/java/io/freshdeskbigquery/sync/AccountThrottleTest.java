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
 * The page route's Throttle EIP, not WireMock, paces the requests: with a budget of 2 requests a minute
 * ({@code freshdesk.rate-limit.per-minute}), a run of three pages never has more than 2 requests in any minute of
 * WireMock's request journal. (It takes a minute: the third page has to wait for the budget.)
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = @ResourceArg(name = "freshdesk.rate-limit.per-minute", value = "2"))
class AccountThrottleTest extends SyncTestSupport {

    /**
     * A minute, less a second: WireMock logs a request when it arrives, a little after the throttle let it go (the
     * first one also opens the connection), so logged gaps can be shorter than the throttle's by some milliseconds.
     */
    static final Duration MINUTE = Duration.ofSeconds(59);

    @Test
    void theAccountsPerMinuteBudgetPacesThePages() {
        serveFakeLists();
        for (int i = 1; i <= 250; i++) {
            freshdesk.put("tickets", i, at(i));
        }

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(SyncOutcome.Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(250);
        List<Long> times = wireMock.getAllServeEvents()
                .stream()
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
        assertThat(times).as("request times (ms)").hasSize(3);
        assertThat(mostRequestsInAnyWindow(times, MINUTE)).as("most requests within a minute; times (ms) " + times)
                .isEqualTo(2);
    }

    /** The largest number of requests whose times fall within one window (WireMock logs them to the millisecond). */
    static int mostRequestsInAnyWindow(List<Long> times, Duration window) {
        int most = 0;
        for (int first = 0; first < times.size(); first++) {
            int last = first;
            while (last + 1 < times.size() && times.get(last + 1) - times.get(first) < window.toMillis()) {
                last++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
