package io.freshdeskbigquery.sync.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.SyncState;

/**
 * What the pages read since the last batch was handed to the writer leave for it: their rows, the pages of the run
 * they came from, and the cursor state that may be saved once the rows read so far are written ({@code GatherRows}
 * adds to it, {@code HandOverBatch} hands it over as a {@link WriteBatch}). Moves on the paging loop's thread only.
 */
public final class PendingBatch {

    /** The committed cursor the run resumed from: the cursor never goes back before it. */
    private final Instant resumedFrom;
    /**
     * The cursor state to save once the rows read so far are written: how far those pages take the cursor, and its
     * boundary keys. Kept from one batch to the next: a batch whose pages took the cursor nowhere saves it again.
     */
    private SyncState readThroughState;
    private List<Row> rows = new ArrayList<>();
    private int firstPage;
    private int lastPage;

    PendingBatch(Instant resumedFrom) {
        this.resumedFrom = resumedFrom;
    }

    /** Adds the rows of the run's {@code page}-th page (counted from 1); answers how many rows the batch holds now. */
    public int gather(List<Row> pageRows, int page) {
        if (firstPage == 0) {
            firstPage = page;
        }
        lastPage = page;
        rows.addAll(pageRows);
        return rows.size();
    }

    /** The rows gathered so far, handed to the writer; a new batch starts. */
    public List<Row> takeRows() {
        List<Row> taken = rows;
        rows = new ArrayList<>();
        firstPage = 0;
        lastPage = 0;
        return taken;
    }

    /** The first and last page (counted in the run, from 1) of the batch being gathered; 0 when none was added. */
    public int firstPage() {
        return firstPage;
    }

    public int lastPage() {
        return lastPage;
    }

    /**
     * How far the pages read take the cursor once {@code reached} is: it never goes back, nor before the cursor the run
     * resumed from.
     */
    public Instant readThrough(Instant reached) {
        Instant base = readThroughState == null ? resumedFrom : readThroughState.cursor();
        return reached.isAfter(base) ? reached : base;
    }

    /** The state to save once the rows read so far are written: taken when a page is done ({@code GatherRows}). */
    public void readThroughState(SyncState state) {
        this.readThroughState = state;
    }

    /** Null until a page took the cursor somewhere. */
    public SyncState readThroughState() {
        return readThroughState;
    }
}
