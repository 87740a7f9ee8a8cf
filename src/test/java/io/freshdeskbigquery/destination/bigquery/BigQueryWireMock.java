package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
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
    /** Init arg: {@code bigquery.commit.interval} for the app (default 1h: a run commits after its first page and at its end). */
    public static final String COMMIT_INTERVAL = "commit-interval";

    /** Init arg: how long each query job takes in the stand-in, in ms (default 0); DML on one table queues. */
    public static final String JOB_LATENCY_MS = "job-latency-ms";
    /** Init arg: how long each insertAll request takes in the stand-in, in ms (default 0). */
    public static final String INSERT_LATENCY_MS = "insert-latency-ms";

    /** Init arg: {@code sync.write.batch-rows} for the app (default 1: a batch per page, as the tests count them). */
    public static final String BATCH_ROWS = "batch-rows";

    /** Init arg: {@code destination.type} for the app (default {@code bigquery}). */
    public static final String DESTINATION_TYPE = "destination-type";

    private String destinationType = "bigquery";
    private WireMockServer server;
    private final FakeBigQuery fake = new FakeBigQuery();
    private String mergeEveryBatches = "2";
    private String commitInterval = "1h";
    private String batchRows = "1";

    @Override
    public void init(Map<String, String> initArgs) {
        mergeEveryBatches = initArgs.getOrDefault(MERGE_EVERY_BATCHES, mergeEveryBatches);
        commitInterval = initArgs.getOrDefault(COMMIT_INTERVAL, commitInterval);
        batchRows = initArgs.getOrDefault(BATCH_ROWS, batchRows);
        destinationType = initArgs.getOrDefault(DESTINATION_TYPE, destinationType);
        fake.jobLatency = Duration.ofMillis(Long.parseLong(initArgs.getOrDefault(JOB_LATENCY_MS, "0")));
        fake.insertLatency = Duration.ofMillis(Long.parseLong(initArgs.getOrDefault(INSERT_LATENCY_MS, "0")));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeBigQuery.NAME)));
        return Map.ofEntries(
                Map.entry("destination.type", destinationType),
                Map.entry("bigquery.project-id", "test-project"),
                Map.entry("bigquery.dataset", "freshdesk_test"),
                Map.entry("bigquery.location", "EU"),
                Map.entry("bigquery.host", server.baseUrl()),
                Map.entry("bigquery.retry.initial-delay", "5"),
                Map.entry("bigquery.retry.max-delay", "20"),
                Map.entry("bigquery.retry.max-attempts", "3"),
                Map.entry("bigquery.merge.every-batches", mergeEveryBatches),
                // a run's cursor commits: after its first page, then at the end (no test runs for an hour)
                Map.entry("bigquery.commit.interval", commitInterval),
                Map.entry("sync.write.batch-rows", batchRows),
                // a port of its own: this class runs in an app restarted for it
                Map.entry("quarkus.http.test-port", "0"));
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
