package io.freshdeskbigquery.sync.page;

import java.time.Duration;
import java.time.Instant;

import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line's estimate starts where the data does, not at sync.start-date. */
class LogPageProgressTest {

    @Test
    void aFirstRunFromTheDefaultStartDateMeasuresFromItsFirstRecord() {
        Instant now = Instant.now();
        // a first run: cursor at the default start date; the account's data begins a year ago
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
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
    void messagesCountThePagesOfTheRunAndSayTheQueryWhenItAsksForAnotherPage() {
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(run.pageLabel()).isEqualTo("page 1");

        // keyset steps: each asks page 1 (or 2) of a newer updated_since
        run.position().restartFrom(Instant.parse("2025-01-01T00:00:02Z"), 1);
        run.position().restartFrom(Instant.parse("2025-01-01T00:00:09Z"), 2);
        assertThat(run.pageOfRun()).isEqualTo(3);
        assertThat(run.pageLabel()).isEqualTo("page 3 (the query's page 2 from updated_since 2025-01-01T00:00:09Z)");
        assertThat(run.where("u")).isEqualTo("Stream tickets, page 3 (u)");

        // a list read whole by offset: the query's page is the run's
        StreamRun companies = new StreamRun(FreshdeskCatalogue.COMPANIES, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        companies.position().nextPage();
        companies.position().nextPage();
        assertThat(companies.pageLabel()).isEqualTo("page 3");
    }

    @Test
    void aListReadWholeHasNoTimeEstimateAndAChildStreamMeasuresItsParentsCursor() {
        StreamRun companies = new StreamRun(FreshdeskCatalogue.COMPANIES, "run-1",
                Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(LogPageProgress.progress(companies)).isEmpty();

        Instant now = Instant.now();
        StreamRun conversations = new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        conversations.firstRecordAt(now.minus(Duration.ofDays(100)));
        conversations.cursorCommitted(now.minus(Duration.ofDays(50)));
        assertThat(LogPageProgress.progress(conversations)).startsWith(" (50% of the time");
    }

    @Test
    void thePageLineSaysWhatThePageAndTheRunHaveDone() {
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        run.totals().pageRead(100, 3, 1, Instant.parse("2025-01-01T00:00:09Z"));
        run.totals().pageRead(98, 0, 2, Instant.parse("2025-01-01T00:05:00Z"));
        run.position().nextPage();
        run.cursorCommitted(Instant.parse("2025-01-01T00:05:00Z"));
        assertThat(LogPageProgress.line(run, 42))
                .isEqualTo("tickets: page 2: 98 records (0 already loaded, 2 rejected);"
                        + " 198 records in 2 pages so far; cursor 2025-01-01T00:05:00Z" + LogPageProgress.progress(run)
                        + "; request budget left 42");

        // a child stream's line says whose child lists it read; an unknown budget says so
        StreamRun conversations = new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        conversations.totals().pageRead(30, 0, 0, Instant.parse("2025-01-01T00:00:09Z"));
        conversations.childListsRead(5, 7);
        conversations.cursorCommitted(Instant.parse("2025-01-01T00:00:09Z"));
        assertThat(LogPageProgress.line(conversations, -1))
                .isEqualTo("conversations: page 1: 30 records (0 already loaded,"
                        + " 0 rejected); 30 records in 1 pages so far; the conversations of 5 tickets read in 7 requests;"
                        + " cursor 2025-01-01T00:00:09Z" + LogPageProgress.progress(conversations)
                        + "; request budget left unknown");
    }
}
