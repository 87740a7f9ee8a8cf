package io.freshdeskbigquery.destination;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code destination.*} keys, with their defaults; {@link DestinationProducer} checks the type. */
@ConfigMapping(prefix = "destination")
public interface DestinationConfig {

    /** {@code duckdb} or {@code bigquery}. */
    @WithDefault("duckdb")
    String type();

    Duckdb duckdb();

    interface Duckdb {
        /** The DuckDB file; created with its folder. */
        @WithDefault("data/freshdesk.duckdb")
        String path();
    }
}
