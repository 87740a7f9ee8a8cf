package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's sync settings ({@code sync.*}), checked once at start-up with messages naming the key. */
@ApplicationScoped
public class SyncSettings {

    private final Config config;
    private final List<FreshdeskStream> streams;
    private final Instant startDate;
    private final String schedule;
    private final boolean once;

    @Inject
    public SyncSettings(Config config,
            @ConfigProperty(name = "sync.streams") String streams,
            @ConfigProperty(name = "sync.start-date") String startDate,
            @ConfigProperty(name = "sync.schedule") String schedule,
            @ConfigProperty(name = "sync.once") boolean once) {
        this.config = config;
        this.streams = Arrays.stream(streams.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(FreshdeskStream::require).distinct().toList();
        if (this.streams.isEmpty()) {
            throw new IllegalArgumentException("sync.streams is empty; name at least one of: " + FreshdeskStream.names());
        }
        try {
            this.startDate = Instant.parse(startDate.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sync.start-date '" + startDate
                    + "' is not an ISO-8601 UTC timestamp such as 2024-01-01T00:00:00Z", e);
        }
        this.schedule = schedule;
        this.once = once;
    }

    public List<FreshdeskStream> streams() {
        return streams;
    }

    /** The cursor of a stream that has never been synced. */
    public Instant startDate() {
        return startDate;
    }

    public boolean once() {
        return once;
    }

    /** {@code sync.<stream>.schedule}, else {@code sync.schedule}: a Quartz cron expression. */
    public String schedule(FreshdeskStream stream) {
        return config.getOptionalValue("sync." + stream.streamName() + ".schedule", String.class).orElse(schedule);
    }

    /** For the log: each stream's cron. */
    public String describeSchedules() {
        return streams.stream().map(s -> s.streamName() + " '" + schedule(s) + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The Quartz endpoint that starts a stream's scheduled runs (one at a time: the job is stateful). */
    public String triggerUri(FreshdeskStream stream) {
        return "quartz:freshdesk/" + stream.streamName() + "?stateful=true&cron=" + schedule(stream).trim().replace(' ', '+');
    }
}
