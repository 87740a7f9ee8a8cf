package io.freshdeskbigquery.simulator;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {

    private final SimulatedFreshdesk simulator = new SimulatedFreshdesk(
            SimulatorSettings.defaults().withForbiddenStreams(Set.of("agents")), TestClock.atTenPastTheMinute(),
            new ObjectMapper());

    @Test
    void wrongOrMissingKeyIs401() {
        String expected = "{\"code\":\"invalid_credentials\",\"message\":\"You have to be logged in to perform this action.\"}";
        SimResponse wrongKey = new SimClient(simulator, SimulatedFreshdesk.basicAuthorization("stolen-key"))
                .get("tickets");
        SimResponse missing = new SimClient(simulator, null).get("tickets");
        SimResponse notBasic = new SimClient(simulator, "Bearer simulator-key").get("tickets");
        SimResponse garbage = new SimClient(simulator, "Basic %%%").get("tickets");

        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body()).isEqualTo(expected);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(notBasic.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(wrongKey.header("X-RateLimit-Remaining")).isNotNull();
    }

    @Test
    void rightKeyIsAccepted() {
        assertThat(new SimClient(simulator).get("tickets").status()).isEqualTo(200);
        assertThat(
                new SimClient(simulator, SimulatedFreshdesk.basicAuthorization("simulator-key")).get("groups").status())
                .isEqualTo(200);
    }

    @Test
    void forbiddenStreamIs403AndOthersStillWork() {
        SimClient client = new SimClient(simulator);
        SimResponse agents = client.get("agents");

        assertThat(agents.status()).isEqualTo(403);
        assertThat(agents.body())
                .isEqualTo(
                        "{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this action.\"}");
        assertThat(client.get("groups").status()).isEqualTo(200);
    }

    @Test
    void onlyGetIsServed() {
        SimResponse post = simulator.handle("POST", "tickets", null,
                SimulatedFreshdesk.basicAuthorization("simulator-key"), SimClient.BASE_URL);
        assertThat(post.status()).isEqualTo(405);
    }
}
