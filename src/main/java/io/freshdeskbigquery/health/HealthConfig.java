package io.freshdeskbigquery.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code health.*} keys of the readiness and liveness checks, with their defaults. */
@ConfigMapping(prefix = "health")
public interface HealthConfig {

    /** Failed runs of a stream in a row that make readiness go down. */
    @WithDefault("3")
    int maxConsecutiveFailures();

    /** A stream run with no answer from Freshdesk and no page written for this long makes liveness go down. */
    @WithDefault("30m")
    Duration stalledAfter();
}
