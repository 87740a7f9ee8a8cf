package io.freshdeskbigquery.freshdesk;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshdeskSettingsTest {

    /** {@code build}: "dev" for a build that carries the simulator (dev mode, tests), "prod" for a production build. */
    private static FreshdeskSettings settings(String domain, String baseUrl, String apiKey, Boolean simulator,
            String build) {
        return new FreshdeskSettings(Optional.ofNullable(domain), Optional.ofNullable(baseUrl),
                Optional.ofNullable(apiKey), Optional.ofNullable(simulator), "simulator-key", !build.equals("prod"));
    }

    @Test
    void aProductionBuildHasNoSimulatorToTurnOn() {
        assertThatThrownBy(() -> settings(null, null, null, true, "prod"))
                .hasMessageContaining("simulator.enabled=true")
                .hasMessageContaining("production build");
        assertThat(settings("acme", null, "key", null, "prod").simulator()).isFalse();
    }

    @Test
    void theDevProfileWithoutAnAccountUsesTheSimulator() {
        FreshdeskSettings settings = settings(null, null, null, null, "dev");
        assertThat(settings.simulator()).isTrue();
        assertThat(settings.apiKey()).isEqualTo("simulator-key");
        assertThat(settings.baseUrl()).endsWith(FreshdeskSettings.SIMULATOR_PATH);
    }

    @Test
    void anAccountTurnsTheSimulatorOffEvenInDev() {
        FreshdeskSettings settings = settings("acme", null, "key", null, "dev");
        assertThat(settings.simulator()).isFalse();
        assertThat(settings.baseUrl()).isEqualTo("https://acme.freshdesk.com/api/v2");
        assertThat(settings(null, "http://proxy:9000/api/v2/", "key", null, "dev").baseUrl())
                .isEqualTo("http://proxy:9000/api/v2");
    }

    @Test
    void withoutAnAccountOutsideDevTheMessageNamesTheKeysToSet() {
        assertThatThrownBy(() -> settings(null, null, "key", null, "prod"))
                .hasMessageContaining("freshdesk.domain")
                .hasMessageContaining("FRESHDESK_DOMAIN");
        assertThatThrownBy(() -> settings("acme", null, null, null, "prod"))
                .hasMessageContaining("freshdesk.api-key")
                .hasMessageContaining("FRESHDESK_API_KEY");
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(settings("acme", null, "very-secret", false, "prod").toString()).doesNotContain("very-secret");
    }

    @Test
    void theFormsPeoplePasteForTheDomainAreTheAccountsName() {
        for (String pasted : new String[]{"acme", " acme ", "ACME", "acme.freshdesk.com", "acme.freshdesk.com.",
                "https://acme.freshdesk.com", "https://acme.freshdesk.com/", "https://acme.freshdesk.com/api/v2",
                "HTTPS://Acme.Freshdesk.com/a/tickets/42", "http://acme.freshdesk.com"}) {
            assertThat(settings(pasted, null, "key", null, "prod").baseUrl()).as(pasted)
                    .isEqualTo("https://acme.freshdesk.com/api/v2");
        }
        assertThat(settings("acme-support-2", null, "key", null, "prod").baseUrl())
                .isEqualTo("https://acme-support-2.freshdesk.com/api/v2");
    }

    @Test
    void aDomainThatIsNoAccountNameIsRefusedWithTheFormExpected() {
        for (String wrong : new String[]{"my company", "support.acme.com", "https://support.acme.com/", "freshdesk.com",
                "https://", "acme_corp", "-acme", "acme.freshdesk.com:8443", "ftp://acme.freshdesk.com"}) {
            assertThatThrownBy(() -> settings(wrong, null, "key", null, "prod")).as(wrong)
                    .hasMessageStartingWith("freshdesk.domain '" + wrong + "' is not a Freshdesk account")
                    .hasMessageContaining("https://<name>.freshdesk.com");
        }
    }

    @Test
    void theBaseUrlMustBeAnHttpUrl() {
        assertThat(settings(null, "https://proxy.example:8443/freshdesk/api/v2", "key", null, "prod").baseUrl())
                .isEqualTo("https://proxy.example:8443/freshdesk/api/v2");
        for (String wrong : new String[]{"acme.freshdesk.com/api/v2", "my proxy", "ftp://proxy/api/v2", "http://"}) {
            assertThatThrownBy(() -> settings(null, wrong, "key", null, "prod")).as(wrong)
                    .hasMessageStartingWith("freshdesk.base-url '" + wrong + "' is not an http(s) URL");
        }
    }
}
