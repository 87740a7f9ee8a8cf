package io.freshdeskbigquery.destination.bigquery.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.DatasetId;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the app at a real BigQuery project for the live smoke test: {@code BIGQUERY_IT_PROJECT} (required),
 * {@code BIGQUERY_IT_LOCATION} (default {@code US}), {@code BIGQUERY_IT_CREDENTIALS} (a service account key file;
 * unset: Application Default Credentials). A throw-away dataset {@code freshdesk_smoke_<random>} is created by the
 * loader and dropped, with its tables, when the test ends.
 */
public class LiveBigQuery implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "BIGQUERY_IT_PROJECT";

    private EmulatedBigQuery bigQuery;

    @Override
    public Map<String, String> start() {
        String project = System.getenv(PROJECT);
        String location = System.getenv().getOrDefault("BIGQUERY_IT_LOCATION", "US");
        String credentials = System.getenv("BIGQUERY_IT_CREDENTIALS");
        String dataset = "freshdesk_smoke_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        bigQuery = new EmulatedBigQuery(client(project, location, credentials), project, dataset);
        System.out.println("Live BigQuery smoke test: project " + project + ", throw-away dataset " + dataset
                + " in " + location);
        Map<String, String> config = new HashMap<>();
        config.put("destination.type", "bigquery");
        config.put("bigquery.project-id", project);
        config.put("bigquery.dataset", dataset);
        config.put("bigquery.location", location);
        if (credentials != null && !credentials.isBlank()) {
            config.put("bigquery.credentials-file", credentials);
        }
        config.put("quarkus.http.test-port", "0");
        return config;
    }

    private static BigQuery client(String project, String location, String credentialsFile) {
        try {
            GoogleCredentials credentials;
            if (credentialsFile != null && !credentialsFile.isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(credentialsFile))) {
                    credentials = GoogleCredentials.fromStream(in);
                }
            } else {
                credentials = GoogleCredentials.getApplicationDefault();
            }
            return BigQueryOptions.newBuilder()
                    .setProjectId(project)
                    .setLocation(location)
                    .setCredentials(credentials.createScoped(List.of("https://www.googleapis.com/auth/bigquery")))
                    .build()
                    .getService();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "No credentials for the live BigQuery smoke test (set BIGQUERY_IT_CREDENTIALS"
                            + " to a service account key file, or log in with gcloud auth application-default login): "
                            + e.getClass().getSimpleName());
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(bigQuery, new TestInjector.MatchesType(EmulatedBigQuery.class));
    }

    @Override
    public void stop() {
        if (bigQuery != null) {
            boolean dropped = bigQuery.client()
                    .delete(DatasetId.of(System.getenv(PROJECT), bigQuery.dataset()),
                            BigQuery.DatasetDeleteOption.deleteContents());
            System.out.println("Live BigQuery smoke test: dataset " + bigQuery.dataset()
                    + (dropped ? " dropped" : " was not there"));
        }
    }
}
