package io.freshdeskbigquery.destination.bigquery;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Starts WireMock in the role of BigQuery ({@link FakeBigQuery} answers every call) and switches the app to
 * {@code destination.type=bigquery} with {@code bigquery.host} pointed at it. Use it with
 * {@code @WithTestResource}, so it applies to the annotated test class only.
 */
public class BigQueryWireMock implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code bigquery.merge.every-batches} for the app (default 2: long runs MERGE every 2 pages). */
    public static final String MERGE_EVERY_BATCHES = "merge-every-batches";

    /** Init arg: {@code destination.type} for the app (default {@code bigquery}). */
    public static final String DESTINATION_TYPE = "destination-type";

    private String destinationType = "bigquery";
    private WireMockServer server;
    private final FakeBigQuery fake = new FakeBigQuery();
    private String mergeEveryBatches = "2";

    @Override
    public void init(Map<String, String> initArgs) {
        mergeEveryBatches = initArgs.getOrDefault(MERGE_EVERY_BATCHES, mergeEveryBatches);
        destinationType = initArgs.getOrDefault(DESTINATION_TYPE, destinationType);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeBigQuery.NAME)));
        return Map.of(
                "destination.type", destinationType,
                "bigquery.project-id", "test-project",
                "bigquery.dataset", "freshdesk_test",
                "bigquery.location", "EU",
                "bigquery.host", server.baseUrl(),
                "bigquery.retry.initial-delay", "5",
                "bigquery.retry.max-delay", "20",
                "bigquery.retry.max-attempts", "3",
                "bigquery.merge.every-batches", mergeEveryBatches,
                // a port of its own: this class runs in an app restarted for it
                "quarkus.http.test-port", "0");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake, new TestInjector.MatchesType(FakeBigQuery.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
