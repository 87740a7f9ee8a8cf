package io.freshdeskbigquery.sync.activities;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The days a run of the ticket activity export reads, oldest first: from the cursor's day to yesterday (UTC), a day
 * being over once its end has passed. Carried as the exchange property {@value #PROPERTY}; also counts what the day
 * being read held, and how often each activity's content came up in it (identical activities get keys of their own by
 * their place among them, {@link ActivityRows}).
 */
public final class ActivityDays {

    public static final String PROPERTY = "activityDays";

    private final LocalDate last;
    private LocalDate next;
    private LocalDate first;
    private LocalDate stoppedAt;
    private String stoppedBecause;
    private int daysRead;
    private int daysSkipped;

    // the day being read
    private final Map<Long, Integer> seen = new HashMap<>();
    private int activities;
    private int rejected;
    private int position;
    private Instant newest;

    /** @param cursor the first day not read yet, at its start (UTC) */
    public ActivityDays(Instant cursor, Instant now) {
        this.next = cursor.atZone(ZoneOffset.UTC).toLocalDate();
        this.last = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }

    /** The start (UTC) of a day: a cursor. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether a day that is over is left to read. */
    public boolean hasNext() {
        return !next.isAfter(last);
    }

    /** The day to read now; its counts start from zero. */
    public LocalDate next() {
        if (first == null) {
            first = next;
        }
        seen.clear();
        activities = 0;
        rejected = 0;
        position = 0;
        newest = null;
        return next;
    }

    /** The day read now (or last). */
    public LocalDate current() {
        return next;
    }

    /** The day is read (or skipped): the next one comes, and the cursor may pass it once its rows are written. */
    public Instant dayDone(boolean skipped) {
        if (skipped) {
            daysSkipped++;
        } else {
            daysRead++;
        }
        next = next.plusDays(1);
        return startOf(next);
    }

    /** The day's export is not there yet: the run stops before it. */
    public void stopAt(String why) {
        stoppedAt = next;
        stoppedBecause = why;
    }

    /** Whether a missing export of the current day is older than {@code delay} after the day's end: it is skipped. */
    public boolean missingTooLong(Duration delay, Instant now) {
        return !startOf(next.plusDays(1)).plus(delay).isAfter(now);
    }

    /** The activity's place in the day (over all its files), from 0; counts it. */
    int place() {
        activities++;
        return position++;
    }

    /** An activity of the day that could not be used (kept in _rejected). */
    void rejectedOne() {
        rejected++;
    }

    /** How many times this content came up in the day before (0 the first time), and counts this one. */
    int occurrence(long contentHash) {
        Integer before = seen.merge(contentHash, 1, Integer::sum);
        return before - 1;
    }

    void performedAt(Instant at) {
        if (at != null && (newest == null || at.isAfter(newest))) {
            newest = at;
        }
    }

    public int activities() {
        return activities;
    }

    public int rejected() {
        return rejected;
    }

    public Instant newest() {
        return newest;
    }

    public int daysRead() {
        return daysRead;
    }

    public int daysSkipped() {
        return daysSkipped;
    }

    /** The first day the run asked for; null when it had none to ask. */
    public LocalDate first() {
        return first;
    }

    /** Yesterday, when the run started: the last day it may read. */
    public LocalDate last() {
        return last;
    }

    /** The day whose export was not there yet, where the run stopped; null when it read every day. */
    public LocalDate stoppedAt() {
        return stoppedAt;
    }

    public String stoppedBecause() {
        return stoppedBecause;
    }
}
