package io.freshdeskbigquery.sync;

import java.time.Instant;

import io.freshdeskbigquery.destination.WriteResult;

/** What a run has done so far, page by page: for the progress log, the run's summary and the merge cadence. */
public final class RunTotals {

    private int pages;
    private long records;
    private long duplicates;
    private long rejected;
    private WriteResult written = WriteResult.NONE;
    private int batchesSinceMerge;
    private int lastPageRecords;
    private long lastPageDuplicates;
    private long lastPageRejected;
    /** Newest {@code updated_at} written in this run. */
    private Instant newestWritten;

    /**
     * Counts a written page. Rejected: the page's bad records (kept in {@code _rejected} before the write) plus
     * the rows the destination refused and kept there ({@link WriteResult#rejected()}).
     */
    void pageLoaded(int recordCount, long duplicateCount, long rejectedCount, WriteResult result, Instant newestOnPage) {
        pages++;
        long rejectedOnPage = rejectedCount + result.rejected();
        lastPageRecords = recordCount;
        lastPageDuplicates = duplicateCount;
        lastPageRejected = rejectedOnPage;
        records += recordCount;
        duplicates += duplicateCount;
        rejected += rejectedOnPage;
        written = written.plus(result);
        if (newestOnPage != null) {
            batchesSinceMerge++;
        }
        if (newestOnPage != null && (newestWritten == null || newestOnPage.isAfter(newestWritten))) {
            newestWritten = newestOnPage;
        }
    }

    /** Counts what bringing the current table up to date did. */
    void merged(WriteResult result) {
        batchesSinceMerge = 0;
        written = written.plus(result);
    }

    public int pages() {
        return pages;
    }

    public long records() {
        return records;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejected() {
        return rejected;
    }

    /** What the writes and merges did to the current table. */
    public WriteResult written() {
        return written;
    }

    /** Batches with rows written since the current table was last brought up to date in this run. */
    public int batchesSinceMerge() {
        return batchesSinceMerge;
    }

    public int lastPageRecords() {
        return lastPageRecords;
    }

    public long lastPageDuplicates() {
        return lastPageDuplicates;
    }

    public long lastPageRejected() {
        return lastPageRejected;
    }

    public Instant newestWritten() {
        return newestWritten;
    }
}
