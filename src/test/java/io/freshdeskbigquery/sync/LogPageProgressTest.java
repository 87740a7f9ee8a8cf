package io.freshdeskbigquery.sync;

import java.time.Duration;
import java.time.Instant;

import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line's estimate starts where the data does, not at sync.start-date. */
class LogPageProgressTest {

    @Test
    void aFirstRunFromTheDefaultStartDateMeasuresFromItsFirstRecord() {
        Instant now = Instant.now();
        // a first run: cursor at the default start date; the account's data begins a year ago
        StreamRun run = new StreamRun(FreshdeskStream.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        Instant first = now.minus(Duration.ofDays(365));
        run.firstRecordAt(first);
        run.cursorCommitted(first.plus(Duration.ofDays(3)));

        // page 1 covered 3 days of 365: about 1%, and a long way to go, not "89%, about 0 s to go"
        assertThat(LogPageProgress.progress(run)).startsWith(" (1% of the time from the first record read to now");
        assertThat(run.dataBegins()).isEqualTo(first);

        run.cursorCommitted(now.minus(Duration.ofDays(73)));
        assertThat(LogPageProgress.progress(run)).startsWith(" (80% of the time");
    }

    @Test
    void aListReadWholeHasNoTimeEstimateAndAChildStreamMeasuresItsParentsCursor() {
        StreamRun companies = new StreamRun(FreshdeskStream.COMPANIES, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(LogPageProgress.progress(companies)).isEmpty();

        Instant now = Instant.now();
        StreamRun conversations = new StreamRun(FreshdeskStream.CONVERSATIONS, "run-2", Instant.parse("2000-01-01T00:00:00Z"));
        conversations.firstRecordAt(now.minus(Duration.ofDays(100)));
        conversations.cursorCommitted(now.minus(Duration.ofDays(50)));
        assertThat(LogPageProgress.progress(conversations)).startsWith(" (50% of the time");
    }
}
