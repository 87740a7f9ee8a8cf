package io.freshdeskbigquery.freshdesk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
        checkTimeoutsAndRetries(config);
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
        this.baseUrl = stripSlash(givenBaseUrl.map(FreshdeskSettings::httpUrl)
                .orElseGet(() -> "https://"
                        + account(givenDomain.orElseThrow(
                                () -> new IllegalStateException(
                                        "Set freshdesk.domain (env FRESHDESK_DOMAIN), e.g. acme for"
                                                + " https://acme.freshdesk.com, or freshdesk.base-url (env FRESHDESK_BASE_URL)")))
                        + ".freshdesk.com/api/v2"));
        this.apiKey = apiKey.map(String::trim)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new IllegalStateException(
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

    /** An account's name: one DNS label (letters, digits, inner dashes), the {@code acme} of acme.freshdesk.com. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private static final String FRESHDESK_HOST = ".freshdesk.com";

    /**
     * {@code freshdesk.domain} as the account's name, from the forms people paste: {@code acme},
     * {@code acme.freshdesk.com}, {@code https://acme.freshdesk.com/} or any URL of the account
     * ({@code https://acme.freshdesk.com/api/v2}). Anything else is refused: Freshdesk's API answers at
     * {@code <account>.freshdesk.com} only, not at a helpdesk's custom domain ({@code support.acme.com}).
     */
    static String account(String domain) {
        String host = domain.trim();
        String lower = host.toLowerCase(Locale.ROOT);
        for (String scheme : new String[]{"https://", "http://"}) {
            if (lower.startsWith(scheme)) {
                host = host.substring(scheme.length());
                break;
            }
        }
        int path = host.indexOf('/');
        host = (path >= 0 ? host.substring(0, path) : host).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.endsWith(FRESHDESK_HOST)) {
            host = host.substring(0, host.length() - FRESHDESK_HOST.length());
        }
        if (!ACCOUNT.matcher(host).matches()) {
            throw new IllegalArgumentException("freshdesk.domain '" + domain + "' is not a Freshdesk account: set the"
                    + " name in https://<name>.freshdesk.com (acme, acme.freshdesk.com or https://acme.freshdesk.com all"
                    + " do); a helpdesk's own domain (support.acme.com) does not serve the API: use the account's"
                    + " <name>.freshdesk.com, or freshdesk.base-url for a proxy");
        }
        return host;
    }

    /** {@code freshdesk.base-url}: an http or https URL with a host. */
    static String httpUrl(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return baseUrl;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("freshdesk.base-url '" + baseUrl + "' is not an http(s) URL: set the API"
                + " root whole, e.g. https://acme.freshdesk.com/api/v2 (or set freshdesk.domain instead)");
    }

    /** {@code freshdesk.timeout.*} and {@code freshdesk.retry.*}: no nonsense (a negative count, a zero timeout). */
    static void checkTimeoutsAndRetries(FreshdeskConfig config) {
        atLeast("freshdesk.timeout.connect", config.timeout().connect(), 1, " ms");
        atLeast("freshdesk.timeout.response", config.timeout().response(), 1, " ms");
        atLeast("freshdesk.retry.max-attempts", config.retry().maxAttempts(), 0, " (retries of a page)");
        atLeast("freshdesk.retry.initial-delay", config.retry().initialDelay(), 0, " ms");
        atLeast("freshdesk.retry.max-delay", config.retry().maxDelay(), config.retry().initialDelay(),
                " ms (freshdesk.retry.initial-delay)");
        atLeast("freshdesk.retry.default-retry-after", config.retry().defaultRetryAfter(), 0, " s");
        atLeast("freshdesk.retry.rate-limited-attempts", config.retry().rateLimitedAttempts(), -1,
                " (-1: as long as it takes)");
        atLeast("freshdesk.retry.bad-record-attempts", config.retry().badRecordAttempts(), 0, "");
    }

    private static void atLeast(String key, long value, long least, String unit) {
        if (value < least) {
            throw new IllegalArgumentException(key + " must be at least " + least + unit + ", not " + value);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "FreshdeskSettings[baseUrl=" + baseUrl() + ", simulator=" + simulator + ", apiKey=****]";
    }
}
