package io.freshdeskbigquery.sync;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The {@code sync.*} and {@code health.*} keys, with their defaults. Checked by {@link SyncSettings} with messages
 * naming the key and the allowed values.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Streams to load, comma separated. */
    @WithDefault("tickets,contacts,companies")
    String streams();

    /** Cursor of a stream's first run (ISO-8601, UTC). */
    @WithDefault("2000-01-01T00:00:00Z")
    String startDate();

    /** Quartz cron (with seconds) for every stream; unset: each stream's own default ({@code FreshdeskStream}). */
    Optional<String> schedule();

    /** Run every stream once, then exit 0 (all succeeded) or 1 (any failed). */
    @WithDefault("false")
    boolean once();

    /** {@code sync.<stream>.schedule}: a stream's own cron. */
    @WithParentName
    Map<String, StreamSchedule> stream();

    interface StreamSchedule {
        Optional<String> schedule();
    }
}
