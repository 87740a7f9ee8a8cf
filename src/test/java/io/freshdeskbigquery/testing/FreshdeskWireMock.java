package io.freshdeskbigquery.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
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

    @Override
    public void init(Map<String, String> initArgs) {
        overrides = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
        String db = Path.of("target", "test-data", UUID.randomUUID() + ".duckdb").toString();
        Map<String, String> config = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("freshdesk.rate-limit.per-minute", "20000"),
                Map.entry("freshdesk.rate-limit.tickets-list-per-minute", "20000"),
                Map.entry("freshdesk.rate-limit.contacts-list-per-minute", "20000"),
                Map.entry("freshdesk.base-url", server.baseUrl() + "/api/v2"),
                Map.entry("freshdesk.api-key", API_KEY),
                Map.entry("destination.duckdb.path", db),
                Map.entry("sync.streams", "tickets,contacts,companies,agents,groups,roles"),
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
