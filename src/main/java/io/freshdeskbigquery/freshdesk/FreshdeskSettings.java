package io.freshdeskbigquery.freshdesk;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.simulator.SimulatorConfig;
import io.quarkus.runtime.LaunchMode;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the Freshdesk API is and how to log in ({@code freshdesk.*}), checked once with messages naming the
 * key to set. In a build that carries the built-in simulator (dev mode, tests, a dev build), with neither
 * {@code freshdesk.domain} nor {@code freshdesk.base-url} set, the simulator stands in for Freshdesk
 * ({@code simulator.enabled} forces it on or off). A production build has no simulator.
 */
@ApplicationScoped
public class FreshdeskSettings {

    public static final String SIMULATOR_PATH = "/simulator/api/v2";

    private final boolean simulator;
    private final String baseUrl;
    private final String apiKey;
    private final String portKey;

    @Inject
    public FreshdeskSettings(FreshdeskConfig config, SimulatorConfig simulator,
            Instance<SimulatedFreshdesk> simulatorInThisBuild) {
        // the simulator's beans exist in dev and test builds only (@UnlessBuildProfile("prod"))
        this(config.domain(), config.baseUrl(), config.apiKey(), simulator.enabled(), simulator.apiKey(),
                simulatorInThisBuild.isResolvable());
    }

    FreshdeskSettings(Optional<String> domain, Optional<String> baseUrl, Optional<String> apiKey,
            Optional<Boolean> simulatorEnabled, String simulatorApiKey, boolean built) {
        Optional<String> givenDomain = domain.map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> givenBaseUrl = baseUrl.map(String::trim).filter(s -> !s.isEmpty());
        this.simulator = simulatorEnabled.orElse(built && givenDomain.isEmpty() && givenBaseUrl.isEmpty());
        if (simulator && !built) {
            throw new IllegalStateException("simulator.enabled=true, but this is a production build, which does not"
                    + " carry the simulator: use dev mode (./mvnw quarkus:dev) or a dev build"
                    + " (./mvnw package -Dquarkus.profile=dev), or set freshdesk.domain and freshdesk.api-key");
        }
        this.portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        if (simulator) {
            this.baseUrl = null; // on this application's own port, known once the HTTP server listens
            this.apiKey = simulatorApiKey;
            return;
        }
        this.baseUrl = stripSlash(givenBaseUrl.orElseGet(() -> "https://" + givenDomain.orElseThrow(
                () -> new IllegalStateException("Set freshdesk.domain (env FRESHDESK_DOMAIN), e.g. acme for"
                        + " https://acme.freshdesk.com, or freshdesk.base-url (env FRESHDESK_BASE_URL)"))
                + ".freshdesk.com/api/v2"));
        this.apiKey = apiKey.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "Set freshdesk.api-key (env FRESHDESK_API_KEY): the API key of the agent the loader reads as"));
    }

    /** True when the built-in simulator serves the API (dev mode without an account, or forced on). */
    public boolean simulator() {
        return simulator;
    }

    /** The API root, without a trailing slash. */
    public String baseUrl() {
        if (simulator) {
            // read each time: with a random port (tests), Quarkus reports the real one once it listens
            int port = ConfigProvider.getConfig().getOptionalValue(portKey, Integer.class).orElse(8080);
            return "http://localhost:" + port + SIMULATOR_PATH;
        }
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "FreshdeskSettings[baseUrl=" + baseUrl() + ", simulator=" + simulator + ", apiKey=****]";
    }
}
