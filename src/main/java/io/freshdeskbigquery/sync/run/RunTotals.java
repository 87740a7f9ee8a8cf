package io.freshdeskbigquery.sync.run;

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
    /** Newest {@code updated_at} of the rows mapped in this run (handed to the writer). */
    private Instant newestWritten;

    /**
     * Counts a page read (on the paging loop's thread): its records, those skipped as already loaded, its bad records
     * (kept in {@code _rejected} before its rows are handed to the writer), and its newest {@code updated_at} mapped.
     */
    public synchronized void pageRead(int recordCount, long duplicateCount, long rejectedCount, Instant newestOnPage) {
        pages++;
        lastPageRecords = recordCount;
        lastPageDuplicates = duplicateCount;
        lastPageRejected = rejectedCount;
        records += recordCount;
        duplicates += duplicateCount;
        rejected += rejectedCount;
        if (newestOnPage != null && (newestWritten == null || newestOnPage.isAfter(newestWritten))) {
            newestWritten = newestOnPage;
        }
    }

    /**
     * Counts a batch written (on the stream's writer thread): what it did to the current table, and the rows the
     * destination refused and kept in {@code _rejected} ({@link WriteResult#rejected()}).
     */
    synchronized void batchWritten(WriteResult result, boolean hadRows) {
        rejected += result.rejected();
        written = written.plus(result);
        if (hadRows) {
            batchesSinceMerge++;
        }
    }

    /** A merge was handed over (it takes the batches written so far): the batches since the last merge count anew. */
    public synchronized void mergeHandedOver() {
        batchesSinceMerge = 0;
    }

    /** Counts what bringing the current table up to date did (on the stream's merge thread). */
    synchronized void merged(WriteResult result) {
        written = written.plus(result);
    }

    public synchronized int pages() {
        return pages;
    }

    public synchronized long records() {
        return records;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long rejected() {
        return rejected;
    }

    /** What the writes and merges did to the current table. */
    public synchronized WriteResult written() {
        return written;
    }

    /** Batches with rows written since a merge was last handed over in this run. */
    public synchronized int batchesSinceMerge() {
        return batchesSinceMerge;
    }

    public synchronized int lastPageRecords() {
        return lastPageRecords;
    }

    public synchronized long lastPageDuplicates() {
        return lastPageDuplicates;
    }

    public synchronized long lastPageRejected() {
        return lastPageRejected;
    }

    public synchronized Instant newestWritten() {
        return newestWritten;
    }
}
