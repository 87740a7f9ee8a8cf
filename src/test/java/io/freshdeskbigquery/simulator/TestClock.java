package io.freshdeskbigquery.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock the test moves by hand. */
final class TestClock extends Clock {

    private Instant instant;

    TestClock(Instant start) {
        this.instant = start;
    }

    /** 10 seconds into a minute, so a test has 50 seconds of window before it rolls. */
    static TestClock atTenPastTheMinute() {
        return new TestClock(Instant.parse("2026-11-01T12:00:10Z"));
    }

    void advance(Duration duration) {
        instant = instant.plus(duration);
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
