package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The {@code bigquery.*} keys, with their defaults; {@link BigQuerySettings#from} checks them when
 * {@code destination.type=bigquery}, with messages naming the key. docs/bigquery.md documents each.
 */
@ConfigMapping(prefix = "bigquery")
public interface BigQueryConfig {

    /** Required with destination.type=bigquery. */
    Optional<String> projectId();

    @WithDefault("freshdesk")
    String dataset();

    @WithDefault("US")
    String location();

    /** A service account JSON key file; none: Application Default Credentials. Never logged. */
    Optional<String> credentialsFile();

    /** The API root, for an emulator or a test server. */
    Optional<String> host();

    Insert insert();

    Merge merge();

    Commit commit();

    interface Commit {
        /**
         * The least time between two cursor commits within a run (each is a DML job on {@code _sync_state}, which
         * BigQuery runs one at a time per table); the end of a run always commits. 0: after every page.
         */
        @WithDefault("30s")
        Duration interval();
    }

    Retry retry();

    interface Insert {
        @WithDefault("500")
        int maxRows();

        @WithDefault("5000000")
        int maxBytes();
    }

    interface Merge {
        /** Pages with rows between two MERGEs within a run; 0: only at the end of a run. */
        @WithDefault("500")
        int everyBatches();
    }

    interface Retry {
        @WithDefault("6")
        int maxAttempts();

        /** ms */
        @WithDefault("1000")
        long initialDelay();

        /** ms */
        @WithDefault("32000")
        long maxDelay();
    }
}
