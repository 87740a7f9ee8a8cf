package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code bigquery.*} keys ({@link BigQueryConfig}, where their defaults are), checked when
 * {@code destination.type=bigquery} with messages naming the key. {@link #toString()} never shows credentials (only whether a file is used).
 */
public record BigQuerySettings(String projectId, String dataset, String location, Optional<String> credentialsFile,
        Optional<String> host, int insertMaxRows, int insertMaxBytes, int mergeEveryBatches, int retryMaxAttempts,
        Duration retryInitialDelay, Duration retryMaxDelay, Duration commitInterval) {

    /** The API's hard limit on rows per {@code insertAll} request (Google recommends at most 500). */
    public static final int INSERT_ALL_MAX_ROWS = 500;
    /** The API's hard limit on an {@code insertAll} request's size is 10 MB; stay well under it. */
    public static final int INSERT_ALL_MAX_BYTES = 9_000_000;
    /**
     * How far before the last MERGE's newest {@code _loaded_at} the next MERGE looks again: covers inserts whose
     * rows became visible late and clocks that differ between the pods that wrote them. Looking again is harmless.
     */
    public static final Duration MERGE_LOOKBACK = Duration.ofHours(1);

    public BigQuerySettings {
        require(projectId, "bigquery.project-id");
        require(dataset, "bigquery.dataset");
        require(location, "bigquery.location");
        if (!dataset.matches("[A-Za-z0-9_]{1,1024}")) {
            throw new IllegalArgumentException("bigquery.dataset '" + dataset
                    + "' may hold only letters, digits and underscores");
        }
        if (insertMaxRows < 1 || insertMaxRows > INSERT_ALL_MAX_ROWS) {
            throw new IllegalArgumentException("bigquery.insert.max-rows must be between 1 and " + INSERT_ALL_MAX_ROWS);
        }
        if (insertMaxBytes < 1_000 || insertMaxBytes > INSERT_ALL_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "bigquery.insert.max-bytes must be between 1000 and " + INSERT_ALL_MAX_BYTES);
        }
        if (mergeEveryBatches < 0) {
            throw new IllegalArgumentException(
                    "bigquery.merge.every-batches must be 0 (only at the end of a run) or more");
        }
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("bigquery.commit.interval must be 0 (every page) or more, e.g. 30s");
        }
        if (retryMaxAttempts < 1) {
            throw new IllegalArgumentException("bigquery.retry.max-attempts must be at least 1");
        }
    }

    public static BigQuerySettings from(BigQueryConfig config) {
        return new BigQuerySettings(
                config.projectId().map(String::trim).orElse(null),
                config.dataset().trim(),
                config.location().trim(),
                nonBlank(config.credentialsFile()),
                nonBlank(config.host()),
                config.insert().maxRows(),
                config.insert().maxBytes(),
                config.merge().everyBatches(),
                config.retry().maxAttempts(),
                Duration.ofMillis(config.retry().initialDelay()),
                Duration.ofMillis(config.retry().maxDelay()),
                config.commit().interval());
    }

    @Override
    public String toString() {
        return "project " + projectId + ", dataset " + dataset + ", location " + location + ", credentials "
                + (host.isPresent() && credentialsFile.isEmpty()
                        ? "none (bigquery.host set)"
                        : credentialsFile.isPresent() ? "service account file" : "Application Default Credentials")
                + host.map(h -> ", host " + h).orElse("");
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(s -> !s.isEmpty());
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required when destination.type=bigquery");
        }
    }
}
