package io.freshdeskbigquery.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults(),
            TestClock.atTenPastTheMinute(), new ObjectMapper());
    private final SimClient client = new SimClient(simulator);

    @Test
    void serverErrorsForTheNextNRequestsThenNormal() {
        simulator.faults().serverErrors(2, 503);

        SimResponse first = client.get("tickets");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).contains("\"code\":\"internal_error\"");
        assertThat(first.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(client.get("contacts").status()).isEqualTo(503);
        assertThat(client.get("tickets").status()).isEqualTo(200);
        assertThat(simulator.faults().injectedCount()).isEqualTo(2);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    void faultsCanBeLimitedToOneStream() {
        simulator.faults().on("contacts").serverErrors(1, 500);

        assertThat(client.get("tickets").status()).isEqualTo(200);
        assertThat(client.get("companies").status()).isEqualTo(200);
        assertThat(client.get("contacts").status()).isEqualTo(500);
        assertThat(client.get("contacts").status()).isEqualTo(200);
    }

    @Test
    void invalidRequestsDoNotUseUpFaults() {
        simulator.faults().serverErrors(1, 502);

        assertThat(client.get("tickets", "per_page", "101").status()).isEqualTo(400);
        assertThat(new SimClient(simulator, null).get("tickets").status()).isEqualTo(401);
        assertThat(client.get("tickets").status()).isEqualTo(502);
    }

    @Test
    void tooManyRequestsCarriesTheGivenRetryAfter() {
        simulator.faults().tooManyRequests(1, 7);

        SimResponse response = client.get("tickets");
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.body()).doesNotContain("subject");
        assertThat(client.get("tickets").status()).isEqualTo(200);
        assertThat(simulator.rateLimitedCount()).isZero();
    }

    @Test
    void truncatedBodyIsHalfOfTheRealOne() {
        String whole = client.get("companies").body();
        simulator.faults().truncatedBody(1);

        SimResponse truncated = client.get("companies");
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.body()).isEqualTo(whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> new ObjectMapper().readTree(truncated.body())).isInstanceOf(Exception.class);
        assertThat(truncated.header("Link")).isNotNull();
    }

    @Test
    void slowResponseTellsTheAdapterHowLongToWait() {
        simulator.faults().slowResponse(1, Duration.ofMillis(1500));

        SimResponse slow = client.get("groups");
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(slow.header(SimResponse.DELAY_HEADER)).isEqualTo("1500");
        assertThat(SimClient.records(slow)).hasSize(5);
        assertThat(client.get("groups").delay()).isZero();
    }

    @Test
    void connectionResetIsAFlag() {
        simulator.faults().connectionReset(1);

        SimResponse reset = client.get("tickets");
        assertThat(reset.connectionReset()).isTrue();
        assertThat(reset.status()).isZero();
        assertThat(reset.body()).isEmpty();
        assertThat(client.get("tickets").connectionReset()).isFalse();
    }

    @Test
    void badRecordLacksIdAndUpdatedAt() {
        simulator.faults().badRecord(1);

        List<Map<String, Object>> records = SimClient.records(client.get("contacts", "per_page", "10"));
        assertThat(records).hasSize(10);
        assertThat(records).filteredOn(r -> !r.containsKey("id"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r).doesNotContainKey("updated_at").containsKey("email"));
        assertThat(SimClient.records(client.get("contacts", "per_page", "10")))
                .allSatisfy(r -> assertThat(r).containsKey("id"));
    }

    @Test
    void endlessNextServesTheSamePageLinkingToItself() {
        simulator.faults().endlessNext(2);

        SimResponse first = client.get("contacts", "per_page", "100", "page", "5");
        SimResponse second = client.get("contacts", "per_page", "100", "page", "5");
        SimResponse third = client.get("contacts", "per_page", "100", "page", "5");

        assertThat(first.header("Link"))
                .isEqualTo("<" + SimClient.BASE_URL + "/contacts?per_page=100&page=5>; rel=\"next\"");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Link")).isEqualTo(first.header("Link"));
        assertThat(third.header("Link")).isNull(); // page 5 is really the last
    }

    @Test
    void faultsAreCheckedWhenArmed() {
        assertThatThrownBy(() -> simulator.faults().serverErrors(1, 404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.faults().truncatedBody(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.faults().on("tickets/1")).isInstanceOf(IllegalArgumentException.class);
    }
}
