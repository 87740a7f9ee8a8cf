package io.freshdeskbigquery.sync.run;

import java.time.Instant;

import io.freshdeskbigquery.freshdesk.EndlessPagingException;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PagingProgress;

/**
 * Where a run's paging stands, and what it asks for next: the query's {@code updated_since} and page, the page of the
 * run, whether the list is read by keyset (ordered by {@code updated_at}) or by offset to its end, and the second being
 * paged through by offset, if any. {@code PlanNextPage} moves it; it moves on the paging loop's thread only.
 */
public final class KeysetPosition {

    /** The {@code updated_since} value of the current query, and the page within it. */
    private Instant since;
    private int page = 1;
    /**
     * The page of the run being read, counted from 1 over every request of the list: under keyset paging each request
     * asks for page 1 (or 2) of a newer {@code updated_since}, so the query's page alone does not say how far the run is.
     */
    private int pageOfRun = 1;
    /** False once Freshdesk answered a page out of {@code updated_at} order: the cursor then waits for the end. */
    private boolean ordered;
    private boolean hasMore = true;
    /** What the run's pages held so far: a page that repeats one, or a run that stalls, stops the run. */
    private final PagingProgress progress = new PagingProgress();
    /** The second whose records are being paged through by offset (page 2, 3, … of one query), or null. */
    private Instant pinned;
    private boolean verifying;
    private boolean foundNewWhileVerifying;
    private int verifications;

    /**
     * Starts at page 1 from {@code since}; {@code ordered}: the list is filtered and ordered by {@code updated_at}, so
     * keyset paging may step on from the newest record read.
     */
    KeysetPosition(Instant since, boolean ordered) {
        this.since = since;
        this.ordered = ordered;
    }

    public Instant since() {
        return since;
    }

    public int page() {
        return page;
    }

    /** The page of the run being read (from 1, over every request of the list), until the next one is planned. */
    public int pageOfRun() {
        return pageOfRun;
    }

    /**
     * The page of the run; when the query asks for another page number (a keyset step asks for page 1 of a newer
     * {@code updated_since}), that too: {@code page 37 (the query's page 1 from updated_since 2025-01-01T00:00:00Z)}.
     */
    public String pageLabel() {
        if (page == pageOfRun) {
            return "page " + pageOfRun;
        }
        return "page " + pageOfRun + " (the query's page " + page
                + (since == null ? "" : " from updated_since " + since) + ")";
    }

    public boolean ordered() {
        return ordered;
    }

    public void unordered() {
        this.ordered = false;
    }

    public boolean hasMore() {
        return hasMore;
    }

    public void finished() {
        this.hasMore = false;
    }

    /** Keyset step: ask again from the new cursor, first page. */
    public void restartFrom(Instant newSince, int firstPage) {
        this.since = newSince;
        this.page = firstPage;
        this.pageOfRun++;
    }

    public void nextPage() {
        this.page++;
        this.pageOfRun++;
    }

    /**
     * The second whose records are read by offset paging: while its pages are read, a record of it that is
     * updated (or deleted) shifts the rest one place, so the cursor stays at this second until a pass over its
     * pages finds nothing new.
     */
    public Instant pinned() {
        return pinned;
    }

    public boolean verifying() {
        return verifying;
    }

    public boolean foundNewWhileVerifying() {
        return foundNewWhileVerifying;
    }

    public int verifications() {
        return verifications;
    }

    public void pin(Instant second) {
        this.pinned = second;
    }

    /** Reads the pinned second's pages again from page 1. */
    public void verifyPinnedSecond() {
        this.since = pinned;
        this.page = 1;
        this.pageOfRun++;
        this.progress.reset(); // the pages are read again on purpose
        this.verifying = true;
        this.foundNewWhileVerifying = false;
        this.verifications++;
    }

    public void newRowsAtPinnedSecond() {
        this.foundNewWhileVerifying = true;
    }

    public void unpin() {
        this.pinned = null;
        this.verifying = false;
        this.foundNewWhileVerifying = false;
    }

    /**
     * Notes a page that says {@code rel="next"}: a page that repeats one read before in this run (since the last pass
     * over a pinned second began), or a run whose pages bring almost nothing new, stops it; {@code where} names the
     * page in the message.
     *
     * @throws EndlessPagingException naming the page and what it repeats
     */
    public void checkProgress(FreshdeskPage page, String where) {
        progress.check(page, pageOfRun, where);
    }
}
