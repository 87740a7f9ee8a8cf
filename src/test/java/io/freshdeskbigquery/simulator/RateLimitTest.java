package io.freshdeskbigquery.simulator;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private final TestClock clock = TestClock.atTenPastTheMinute();

    private SimClient client(SimulatorSettings settings) {
        return new SimClient(
                new SimulatedFreshdesk(settings, clock, new ObjectMapper()));
    }

    @Test
    void budgetCountsDownAndThenAnswers429WithRetryAfter() {
        SimClient client = client(SimulatorSettings.defaults().withCreditsPerMinute(5));

        for (int remaining = 4; remaining >= 0; remaining--) {
            SimResponse response = client.get("companies");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Total")).isEqualTo("5");
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
            assertThat(response.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("1");
        }

        SimResponse refused = client.get("companies");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("50");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.body()).doesNotContain("\"id\"");

        clock.advance(Duration.ofMillis(49_500));
        assertThat(client.get("companies").header("Retry-After")).isEqualTo("1");

        clock.advance(Duration.ofMillis(500)); // the next minute
        SimResponse again = client.get("companies");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("X-RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void rateLimitedCallsAreCounted() {
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults().withCreditsPerMinute(1),
                clock, new ObjectMapper());
        SimClient client = new SimClient(simulator);
        client.get("groups");
        client.get("groups");
        client.get("groups");

        assertThat(simulator.requestCount()).isEqualTo(3);
        assertThat(simulator.rateLimitedCount()).isEqualTo(2);
    }

    @Test
    void failedCallsCountAgainstTheBudget() {
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults().withCreditsPerMinute(3),
                clock, new ObjectMapper());
        new SimClient(simulator, SimulatedFreshdesk.basicAuthorization("wrong")).get("tickets");
        SimResponse invalid = new SimClient(simulator).get("tickets", "per_page", "500");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("X-RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void eachIncludeCostsTwoMoreCredits() {
        SimClient client = client(SimulatorSettings.defaults().withCreditsPerMinute(10));

        SimResponse response = client.get("tickets", "include", "stats,requester");
        assertThat(response.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("5");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("5");

        // 5 left: another 5-credit call fits, then even a 3-credit call does not
        assertThat(client.get("tickets", "include", "stats,description").status()).isEqualTo(200);
        SimResponse refused = client.get("tickets", "include", "stats");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("0");
    }

    @Test
    void ticketsListHasItsOwnLimit() {
        SimClient client = client(SimulatorSettings.defaults().withCreditsPerMinute(700).withTicketsListPerMinute(3));

        for (int i = 0; i < 3; i++) {
            assertThat(client.get("tickets").status()).isEqualTo(200);
        }
        SimResponse refused = client.get("tickets");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("50");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("697");

        // the account budget and the other lists are not affected
        assertThat(client.get("contacts").status()).isEqualTo(200);
        assertThat(client.get("companies").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(50));
        assertThat(client.get("tickets").status()).isEqualTo(200);
    }

    @Test
    void contactsListHasItsOwnLimit() {
        SimClient client = client(SimulatorSettings.defaults().withContactsListPerMinute(1));

        assertThat(client.get("contacts").status()).isEqualTo(200);
        assertThat(client.get("contacts").status()).isEqualTo(429);
        assertThat(client.get("tickets").status()).isEqualTo(200);
    }

    @Test
    void zeroMeansUnlimited() {
        SimClient client = client(SimulatorSettings.defaults().withUnlimitedRate());

        for (int i = 0; i < 1000; i++) {
            assertThat(client.get("groups").status()).isEqualTo(200);
        }
        SimResponse response = client.get("tickets");
        assertThat(response.header("X-RateLimit-Total")).isNull();
        assertThat(response.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("1");
    }
}
