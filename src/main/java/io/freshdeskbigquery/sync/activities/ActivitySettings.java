package io.freshdeskbigquery.sync.activities;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.sync.settings.SyncConfig;
import io.freshdeskbigquery.sync.settings.SyncSettings;

/**
 * The keys of the ticket activity export's days, checked at the start with messages naming the key:
 * <ul>
 * <li>{@code sync.ticket_activities.backfill} (30 days): how many days before today a first run starts, at most (and
 * not before {@code sync.start-date}). Freshdesk keeps a day's export 30 days.</li>
 * <li>{@code sync.ticket_activities.export-delay} (2 days): how long after a day ends (UTC) its export may still be
 * missing. Until then a missing export stops the run at that day, and the next run asks again; past it, the day is
 * skipped with a warning (an export that was not enabled then, or that Freshdesk no longer keeps).</li>
 * </ul>
 */
@ApplicationScoped
public class ActivitySettings {

    static final Duration DEFAULT_BACKFILL = Duration.ofDays(30);
    static final Duration DEFAULT_EXPORT_DELAY = Duration.ofDays(2);

    private final Duration backfill;
    private final Duration exportDelay;
    private final LocalDate startDate;

    @Inject
    public ActivitySettings(SyncConfig config, SyncSettings sync) {
        this(config.stream(), sync.startDate().atZone(ZoneOffset.UTC).toLocalDate());
    }

    ActivitySettings(Map<String, SyncConfig.StreamSchedule> streams, LocalDate startDate) {
        String name = FreshdeskCatalogue.TICKET_ACTIVITIES.streamName();
        streams.forEach((stream, own) -> {
            if (!stream.equals(name) && own.backfill().isPresent()) {
                throw new IllegalArgumentException("sync." + stream + ".backfill is set, but only " + name
                        + " takes a backfill (sync." + name + ".backfill); the lists start at sync.start-date");
            }
            if (!stream.equals(name) && own.exportDelay().isPresent()) {
                throw new IllegalArgumentException("sync." + stream + ".export-delay is set, but only " + name
                        + " is read from a daily export (sync." + name + ".export-delay)");
            }
        });
        SyncConfig.StreamSchedule own = streams.get(name);
        this.backfill = own == null ? DEFAULT_BACKFILL : own.backfill().orElse(DEFAULT_BACKFILL);
        this.exportDelay = own == null ? DEFAULT_EXPORT_DELAY : own.exportDelay().orElse(DEFAULT_EXPORT_DELAY);
        if (backfill.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("sync." + name + ".backfill must be at least 1d (how many days before"
                    + " today a first run starts, e.g. 30d), not " + backfill);
        }
        if (exportDelay.isNegative()) {
            throw new IllegalArgumentException("sync." + name + ".export-delay must not be negative (how long after a"
                    + " day ends its export may still be missing, e.g. 2d), not " + exportDelay);
        }
        this.startDate = startDate;
    }

    /** The first day a stream never synced reads: {@code backfill} days before today, not before sync.start-date. */
    public LocalDate firstDay(LocalDate today) {
        LocalDate backfilled = today.minusDays(backfill.toDays());
        return backfilled.isBefore(startDate) ? startDate : backfilled;
    }

    public Duration backfill() {
        return backfill;
    }

    public Duration exportDelay() {
        return exportDelay;
    }
}
