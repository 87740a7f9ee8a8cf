package io.freshdeskbigquery.sync.settings;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        checkDeletionsKeys();
        this.streams = selected().stream()
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
                String key = scheduleKey(stream);
                // (a stream's built-in default is a valid cron: SyncSettingsTest checks them all)
                throw new IllegalArgumentException(key + " '" + cron + "' is not a Quartz cron expression: six or seven"
                        + " fields, seconds first (seconds minutes hours day-of-month month day-of-week [year]),"
                        + " e.g. '0 0/15 * * * ?'");
            }
        }
    }

    /**
     * The streams {@code sync.streams} names, each followed by its deletion lists ({@code tickets}: deleted_tickets,
     * spam_tickets; {@code contacts}: deleted_contacts) unless {@code sync.<stream>.deletions=false}; a list also
     * named itself runs once. {@code all}: the catalogue, less the deletion lists turned off.
     */
    private List<FreshdeskStream> selected() {
        if (config.streams().trim().equalsIgnoreCase("all")) {
            return FreshdeskCatalogue.values()
                    .stream()
                    .filter(stream -> stream.into().map(this::deletionsRide).orElse(true))
                    .toList();
        }
        return Arrays.stream(config.streams().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(FreshdeskCatalogue::require)
                .flatMap(stream -> Stream.concat(Stream.of(stream),
                        deletionsRide(stream) ? FreshdeskCatalogue.deletionListsOf(stream).stream() : Stream.empty()))
                .distinct()
                .toList();
    }

    /** {@code sync.<stream>.deletions}: whether the stream brings its deletion lists along (unset: it does). */
    private boolean deletionsRide(FreshdeskStream stream) {
        SyncConfig.StreamSchedule own = config.stream().get(stream.streamName());
        return own == null || own.deletions().map(value -> Boolean.parseBoolean(value.trim())).orElse(true);
    }

    /** Every {@code sync.<stream>.deletions} set: true or false, and only for a stream with deletion lists. */
    private void checkDeletionsKeys() {
        config.stream().forEach((name, own) -> own.deletions().ifPresent(value -> {
            String key = "sync." + name + ".deletions";
            List<FreshdeskStream> lists = FreshdeskCatalogue.byName(name)
                    .map(FreshdeskCatalogue::deletionListsOf)
                    .orElse(List.of());
            if (lists.isEmpty()) {
                throw new IllegalArgumentException(key + " is set, but " + name + " has no lists of deleted records;"
                        + " only these have: " + names(FreshdeskCatalogue.values()
                                .stream()
                                .filter(stream -> !FreshdeskCatalogue.deletionListsOf(stream).isEmpty())));
            }
            if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + " '" + value + "' is not true or false (whether " + name
                        + " brings its lists of deleted records along: " + names(lists.stream()) + ")");
            }
        }));
    }

    private static String names(Stream<FreshdeskStream> streams) {
        return streams.map(FreshdeskStream::streamName).collect(Collectors.joining(", "));
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
    public Duration maxFutureSkew() {
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
     * lists that change all day, daily for agents, groups and roles): a Quartz cron expression. A deletion list without
     * a schedule of its own runs on the schedule of the stream it is loaded into ({@code deleted_tickets}: tickets').
     */
    public String schedule(FreshdeskStream stream) {
        Optional<String> own = ownSchedule(stream);
        if (own.isEmpty() && stream.into().isPresent()) {
            return schedule(stream.into().get());
        }
        return own.or(config::schedule).orElse(stream.defaultSchedule());
    }

    /** The key that set {@link #schedule}, for the message when it is not a cron expression. */
    private String scheduleKey(FreshdeskStream stream) {
        if (ownSchedule(stream).isPresent()) {
            return "sync." + stream.streamName() + ".schedule";
        }
        return stream.into().map(this::scheduleKey).orElse("sync.schedule");
    }

    private Optional<String> ownSchedule(FreshdeskStream stream) {
        SyncConfig.StreamSchedule own = config.stream().get(stream.streamName());
        return own == null ? Optional.empty() : own.schedule();
    }

    /** For the log: each stream's cron. */
    public String describeSchedules() {
        return streams.stream()
                .map(s -> s.streamName() + " '" + schedule(s) + "'")
                .collect(Collectors.joining(", "));
    }

    /**
     * The Quartz endpoint that starts a stream's scheduled runs. Its job is not stateful: a fire while the stream's run
     * before still goes on is not held back until that run ends (and then run right after it, as Quartz does with a
     * stateful job), it fires on time and the route skips it.
     */
    public String triggerUri(FreshdeskStream stream) {
        return "quartz:freshdesk/" + stream.streamName() + "?cron=" + schedule(stream).trim().replace(' ', '+');
    }
}
