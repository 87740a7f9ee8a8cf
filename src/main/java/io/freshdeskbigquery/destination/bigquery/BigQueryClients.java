package io.freshdeskbigquery.destination.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import io.freshdeskbigquery.destination.DestinationException;
import org.threeten.bp.Duration;

/**
 * Builds the BigQuery client the Camel components use (through a
 * {@link org.apache.camel.component.google.bigquery.GoogleBigQueryConnectionFactory}): the project, the
 * location of its jobs and the credentials. The client does not retry by itself: transient failures are redelivered
 * by the loader's BigQuery routes ({@code bigquery.retry.*}), one retry layer.
 */
public final class BigQueryClients {

    static final String SCOPE = "https://www.googleapis.com/auth/bigquery";

    private BigQueryClients() {
    }

    public static BigQuery client(BigQuerySettings settings) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(settings.projectId())
                .setLocation(settings.location())
                .setCredentials(credentials(settings))
                // one retry layer: the loader's BigQuery routes redeliver (bigquery.retry.*); the client tries once
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(1)
                        .setTotalTimeout(Duration.ofMinutes(10))
                        .setInitialRpcTimeout(Duration.ofMinutes(3))
                        .setMaxRpcTimeout(Duration.ofMinutes(3))
                        .setRpcTimeoutMultiplier(1.0)
                        .build());
        settings.host().ifPresent(options::setHost);
        return options.build().getService();
    }

    /** The service account file if set; none when only a host (emulator, test) is set; else ADC. */
    static Credentials credentials(BigQuerySettings settings) {
        try {
            if (settings.credentialsFile().isPresent()) {
                Path file = Path.of(settings.credentialsFile().get());
                try (InputStream in = Files.newInputStream(file)) {
                    return GoogleCredentials.fromStream(in).createScoped(List.of(SCOPE));
                }
            }
            if (settings.host().isPresent()) {
                return NoCredentials.getInstance();
            }
            return GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE));
        } catch (IOException e) {
            // the exception names the file or the ADC lookup, never the key itself
            throw new DestinationException("Cannot load BigQuery credentials ("
                    + (settings.credentialsFile().isPresent()
                            ? "bigquery.credentials-file " + settings.credentialsFile().get()
                            : "Application Default Credentials; set bigquery.credentials-file or GOOGLE_APPLICATION_CREDENTIALS")
                    + "): " + e.getClass().getSimpleName(), e);
        }
    }
}
