package io.freshdeskbigquery.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Starts WireMock in the role of Freshdesk (with {@link FakeFreshdesk} answering the list endpoints when a
 * test fills it) and points the app at it, with a DuckDB file of its own. Init args are configuration keys that
 * override the ones set here (say a real schedule, or a small request budget).
 */
public class FreshdeskWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "test-api-key-0123456789";

    private WireMockServer server;
    private final FakeFreshdesk fake = new FakeFreshdesk();
    private Map<String, String> overrides = Map.of();

    /**
     * Init arg prefix: {@code fake.<stream>=<n>} serves that stream with records 1..n (updated one second apart from
     * 2025-01-01), for tests that cannot reach the fake themselves (a packaged app's test); not a configuration key.
     */
    public static final String FAKE_PREFIX = "fake.";

    private final Map<String, Integer> fakeRecords = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> config = new HashMap<>();
        initArgs.forEach((key, value) -> {
            if (key.startsWith(FAKE_PREFIX)) {
                fakeRecords.put(key.substring(FAKE_PREFIX.length()), Integer.parseInt(value));
            } else {
                config.put(key, value);
            }
        });
        overrides = Map.copyOf(config);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
        if (!fakeRecords.isEmpty()) {
            server.stubFor(WireMock.get(
                    WireMock
                            .urlPathMatching("/api/v2/(" + String.join("|", fakeRecords.keySet()) + ")"))
                    .withBasicAuth(API_KEY, "X")
                    .willReturn(WireMock.aResponse()
                            .withTransformers(FakeFreshdesk.NAME)));
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            fakeRecords.forEach((stream, n) -> {
                for (int i = 1; i <= n; i++) {
                    fake.put(stream, i, t0.plusSeconds(i));
                }
            });
        }
        String db = Path.of("target", "test-data", UUID.randomUUID() + ".duckdb").toString();
        Map<String, String> config = new HashMap<>(Map.ofEntries(
                Map.entry("freshdesk.rate-limit.per-minute", "20000"),
                Map.entry("freshdesk.rate-limit.tickets-list-per-minute", "20000"),
                Map.entry("freshdesk.rate-limit.contacts-list-per-minute", "20000"),
                Map.entry("freshdesk.base-url", server.baseUrl() + "/api/v2"),
                Map.entry("freshdesk.api-key", API_KEY),
                Map.entry("destination.duckdb.path", db),
                Map.entry("sync.streams", "all"),
                Map.entry("sync.schedule", "0 0 0 1 1 ? 2099"),
                Map.entry("freshdesk.retry.initial-delay", "10"),
                Map.entry("freshdesk.retry.max-delay", "50"),
                Map.entry("freshdesk.retry.max-attempts", "3"),
                Map.entry("freshdesk.timeout.response", "2000")));
        config.putAll(overrides);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
        testInjector.injectIntoFields(fake, new TestInjector.MatchesType(FakeFreshdesk.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
