package io.freshdeskbigquery.sync.page;

import java.time.Duration;
import java.time.Instant;

import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.ObserveResponse;
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
        assertThat(LogPageProgress.progress(run, now)).startsWith(" (1% of the time from the first record read to now");
        assertThat(run.dataBegins()).isEqualTo(first);

        run.cursorCommitted(now.minus(Duration.ofDays(73)));
        assertThat(LogPageProgress.progress(run, now)).startsWith(" (80% of the time");
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
    void aListReadWholeHasNoTimeEstimate() {
        StreamRun companies = new StreamRun(FreshdeskCatalogue.COMPANIES, "run-1",
                Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(LogPageProgress.progress(companies, Instant.now())).isEmpty();
    }

    @Test
    void aChildStreamCountsTheRequestsItStillHasToMake() {
        Instant now = Instant.now();
        StreamRun conversations = new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        ChildProgress progress = new ChildProgress();
        assertThat(progress.after(conversations, now, Duration.ofSeconds(1))).as("before a child list").isEmpty();

        // the parents' first page: 100 changed tickets of 10 days, their conversations read in 110 requests in 11 s;
        // 90 days to now at 10 tickets a day: 900 tickets, 990 requests at 1.1 a ticket, 99 s at 10 requests a second
        conversations.firstRecordAt(now.minus(Duration.ofDays(100)));
        conversations.pageRead(250, 0, 0, now.minus(Duration.ofDays(90)));
        conversations.childListsRead(100, 110);
        assertThat(progress.after(conversations, now, Duration.ofSeconds(11)))
                .isEqualTo(" (about 900 changed tickets left: about 990 requests, about 99 s at this pace)");
    }

    @Test
    void aChildStreamsParentsLeftComeAtThePaceOfTheStretchJustRead() {
        // the tickets' list is dense at its end (tickets updated while the run goes on land there): 100 tickets in
        // 100 days, then 100 every 5 minutes; what is left (10 minutes of the list) is counted at the pace of the last
        // 10 minutes read, not the whole list's
        Instant now = Instant.now();
        StreamRun conversations = new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        ChildProgress progress = new ChildProgress();
        conversations.firstRecordAt(now.minus(Duration.ofDays(100)));
        conversations.pageRead(100, 0, 0, now.minus(Duration.ofMinutes(60)));
        conversations.childListsRead(100, 100);
        progress.after(conversations, now, Duration.ofSeconds(10));
        String last = "";
        for (int page = 2; page <= 11; page++) {
            conversations.pageRead(100, 0, 0, now.minus(Duration.ofMinutes(60 - 5 * (page - 1))));
            conversations.childListsRead(100, 100);
            last = progress.after(conversations, now, Duration.ofSeconds(10 * page));
        }
        // read through 10 minutes ago, at 20 tickets a minute: 200 tickets, 200 requests, 20 s at 10 a second
        assertThat(last).isEqualTo(" (about 200 changed tickets left: about 200 requests, about 20 s at this pace)");
    }

    @Test
    void aRunIsMeasuredToTheAccountsClock() {
        // the built-in simulator's clock stands at 2026-11-01, weeks behind this machine's: a run that read its data to
        // that clock has come all the way, not "92% ... about 40 s to go" for as long as it lasts
        Instant accountNow = Instant.parse("2026-11-01T00:00:00Z");
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        run.firstRecordAt(accountNow.minus(Duration.ofDays(1095)));
        run.cursorCommitted(accountNow);
        assertThat(LogPageProgress.progress(run, accountNow)).startsWith(" (100% of the time");
        assertThat(ObserveResponse.date("Sun, 1 Nov 2026 00:00:00 GMT")).isEqualTo(accountNow);
        assertThat(ObserveResponse.date("yesterday")).isNull();
    }

    @Test
    void thePageLineSaysWhatThePageAndTheRunHaveDone() {
        Instant now = Instant.now();
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "run-1", Instant.parse("2000-01-01T00:00:00Z"));
        run.totals().pageRead(100, 3, 1, Instant.parse("2025-01-01T00:00:09Z"));
        run.totals().pageRead(98, 0, 2, Instant.parse("2025-01-01T00:05:00Z"));
        run.position().nextPage();
        run.cursorCommitted(Instant.parse("2025-01-01T00:05:00Z"));
        assertThat(LogPageProgress.line(run, 42, LogPageProgress.progress(run, now)))
                .isEqualTo("tickets: page 2: 98 records (0 already loaded, 2 rejected);"
                        + " 198 records in 2 pages so far; cursor 2025-01-01T00:05:00Z"
                        + LogPageProgress.progress(run, now)
                        + "; request budget left 42");

        // a child stream's line says whose child lists it read; an unknown budget says so
        StreamRun conversations = new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "run-2",
                Instant.parse("2000-01-01T00:00:00Z"));
        conversations.totals().pageRead(30, 0, 0, Instant.parse("2025-01-01T00:00:09Z"));
        conversations.childListsRead(5, 7);
        conversations.cursorCommitted(Instant.parse("2025-01-01T00:00:09Z"));
        assertThat(LogPageProgress.line(conversations, -1, " (about 12 changed tickets left)"))
                .isEqualTo("conversations: page 1: 30 records (0 already loaded,"
                        + " 0 rejected); 30 records in 1 pages so far; the conversations of 5 tickets read in 7 requests;"
                        + " cursor 2025-01-01T00:00:09Z (about 12 changed tickets left); request budget left unknown");
    }
}
