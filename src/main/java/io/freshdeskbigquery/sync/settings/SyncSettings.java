package io.freshdeskbigquery.sync.settings;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.quartz.CronExpression;

/** The operator's sync settings ({@code sync.*}), checked once at start-up with messages naming the key. */
@ApplicationScoped
public class SyncSettings {

    private final SyncConfig config;
    private final List<FreshdeskStream> streams;
    private final Instant startDate;

    @Inject
    public SyncSettings(SyncConfig config) {
        this.config = config;
        this.streams = (config.streams().trim().equalsIgnoreCase("all")
                ? FreshdeskCatalogue.values().stream()
                : Arrays.stream(config.streams().split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(FreshdeskCatalogue::require)
                        .distinct())
                .map(this::withConfiguredLookback)
                .map(this::withConfiguredInclude)
                .toList();
        if (this.streams.isEmpty()) {
            throw new IllegalArgumentException(
                    "sync.streams is empty; name at least one of: " + FreshdeskCatalogue.names());
        }
        try {
            this.startDate = Instant.parse(config.startDate().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sync.start-date '" + config.startDate()
                    + "' is not an ISO-8601 UTC timestamp such as 2024-01-01T00:00:00Z", e);
        }
        if (config.maxFutureSkew().isNegative() || config.maxFutureSkew().isZero()) {
            throw new IllegalArgumentException("sync.max-future-skew must be a positive duration (how far past this"
                    + " machine's clock a record's updated_at may lie and still move the cursor), e.g. 1d or 2h, not "
                    + config.maxFutureSkew());
        }
        if (config.write().batchRows() < 1) {
            throw new IllegalArgumentException(
                    "sync.write.batch-rows must be 1 or more (rows gathered into one write), not "
                            + config.write().batchRows());
        }
        for (FreshdeskStream stream : streams) {
            String cron = schedule(stream);
            if (!CronExpression.isValidExpression(cron.trim())) {
                String key = ownSchedule(stream).isPresent()
                        ? "sync." + stream.streamName() + ".schedule"
                        : "sync.schedule";
                // (a stream's built-in default is a valid cron: SyncSettingsTest checks them all)
                throw new IllegalArgumentException(key + " '" + cron + "' is not a Quartz cron expression: six or seven"
                        + " fields, seconds first (seconds minutes hours day-of-month month day-of-week [year]),"
                        + " e.g. '0 0/15 * * * ?'");
            }
        }
    }

    /** A stream with a lookback reads {@code sync.<stream>.lookback} back when that is set. */
    private FreshdeskStream withConfiguredLookback(FreshdeskStream stream) {
        SyncConfig.StreamSchedule own = config.stream().get(stream.streamName());
        if (own == null || own.lookback().isEmpty()) {
            return stream;
        }
        if (stream.lookback().isZero()) {
            throw new IllegalArgumentException(
                    "sync." + stream.streamName() + ".lookback is set, but " + stream.streamName()
                            + " is filtered by update time and needs none; only satisfaction_ratings takes a lookback");
        }
        try {
            return stream.lookback(own.lookback().get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync." + stream.streamName() + ".lookback: " + e.getMessage(), e);
        }
    }

    /** What the tickets list may embed ({@code include=}); each costs credits on every tickets-list request. */
    static final List<String> TICKET_INCLUDES = List.of("description", "stats", "requester");

    /** {@code sync.tickets.include}: the tickets list asked with {@code include=...}. */
    private FreshdeskStream withConfiguredInclude(FreshdeskStream stream) {
        SyncConfig.StreamSchedule own = config.stream().get(stream.streamName());
        if (own == null || own.include().isEmpty() || own.include().get().isBlank()) {
            return stream;
        }
        if (stream != FreshdeskCatalogue.TICKETS) {
            throw new IllegalArgumentException("sync." + stream.streamName() + ".include is set, but only the tickets"
                    + " list embeds records (sync.tickets.include)");
        }
        List<String> include = Arrays.stream(own.include().get().split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
        for (String value : include) {
            if (!TICKET_INCLUDES.contains(value)) {
                throw new IllegalArgumentException("sync.tickets.include '" + own.include().get() + "': '" + value
                        + "' is not one of " + String.join(", ", TICKET_INCLUDES));
            }
        }
        return stream.filtered("include=" + String.join(",", include));
    }

    /** The configured declaration of a stream named in {@code sync.streams}. */
    public FreshdeskStream stream(String name) {
        return streams.stream()
                .filter(s -> s.streamName().equals(name))
                .findFirst()
                .orElseGet(() -> FreshdeskCatalogue.require(name));
    }

    public List<FreshdeskStream> streams() {
        return streams;
    }

    /** The cursor of a stream that has never been synced. */
    public Instant startDate() {
        return startDate;
    }

    /** {@code sync.max-future-skew}: positive. */
    public java.time.Duration maxFutureSkew() {
        return config.maxFutureSkew();
    }

    /** {@code sync.write.batch-rows}: at least 1. */
    public int batchRows() {
        return config.write().batchRows();
    }

    public boolean once() {
        return config.once();
    }

    /** {@code sync.check}: check the key, the streams' permissions and the destination, then exit. */
    public boolean check() {
        return config.check();
    }

    /**
     * {@code sync.<stream>.schedule}, else {@code sync.schedule}, else the stream's default (every 15 minutes for the
     * lists that change all day, daily for agents, groups and roles): a Quartz cron expression.
     */
    public String schedule(FreshdeskStream stream) {
        return ownSchedule(stream).or(config::schedule).orElse(stream.defaultSchedule());
    }

    private Optional<String> ownSchedule(FreshdeskStream stream) {
        SyncConfig.StreamSchedule own = config.stream().get(stream.streamName());
        return own == null ? Optional.empty() : own.schedule();
    }

    /** For the log: each stream's cron. */
    public String describeSchedules() {
        return streams.stream()
                .map(s -> s.streamName() + " '" + schedule(s) + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The Quartz endpoint that starts a stream's scheduled runs (one at a time: the job is stateful). */
    public String triggerUri(FreshdeskStream stream) {
        return "quartz:freshdesk/" + stream.streamName() + "?stateful=true&cron="
                + schedule(stream).trim().replace(' ', '+');
    }
}
