package io.freshdeskbigquery.sync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshdeskbigquery.destination.ColumnValues;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.freshdesk.FreshdeskRecords;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.CustomField;

/**
 * One run of one stream, carried as the exchange property {@value #PROPERTY} through the paging loop: which run it
 * is, where the committed cursor stands, what to ask for next ({@link KeysetPosition}: the query's {@code since} and
 * page, and the second being paged through by offset, if any), the rows on their way to the writer
 * ({@link PendingBatch}), and what has been done so far ({@link RunTotals}).
 */
public final class StreamRun implements PageAsk {

    /** The run; the page route reads what to ask from {@link PageAsk#PROPERTY}, which is the run itself except while a
     * child stream reads one page's child lists. */
    public static final String PROPERTY = "freshdeskStreamRun";

    private final FreshdeskStream stream;
    private final String runId;
    private final Instant startedAt = Instant.now();
    /**
     * Where the run reads from: the committed cursor when the run started, less the stream's lookback. Records
     * updated before it are already loaded.
     */
    private final Instant startCursor;
    private final Instant resumedFrom;
    /** The stream's rows say when a record was deleted or marked as spam (tickets, contacts and the lists into them). */
    private final boolean flagsDeletions;

    /** The committed cursor, moved only after the rows up to it were written (by the stream's writer thread). */
    private volatile Instant cursor;
    /** When the cursor was last committed in this run. */
    private volatile Instant lastCommit;
    /** The rows read since the last batch was handed to the writer, and the cursor state their write may save. */
    private final PendingBatch pendingBatch;
    /** A batch's write failed: the run fetches no more, and fails with this once its writer is done. */
    private volatile RuntimeException writeFailure;
    /** What the run asks for next, and the second being paged through by offset, if any. */
    private final KeysetPosition position;

    /**
     * Records updated after this instant (the clock, when the page was read, plus {@code sync.max-future-skew}) are
     * dated ahead of the clock: loaded, but they move no cursor. Null before the first page.
     */
    private Instant aheadFrom;

    /** What the run has done so far. */
    private final RunTotals totals = new RunTotals();
    /** A list of field definitions ({@code ticket_fields}): the custom fields read so far, the whole list at the end. */
    private final List<CustomField> customFields = new ArrayList<>();
    /** A list read whole: the ids of every record its pages held, to find the rows gone from it at the end. */
    private long[] seenIds = new long[0];
    private int seenCount;
    /** The oldest {@code updated_at} of the run's first page with records: where its data really begins. */
    private Instant firstSeen;
    /** A child stream's run: how many parents' child lists it read, in how many requests. */
    private long childLists;
    private long childRequests;

    /** Where a row's typed values lie ({@code RowMapper}): one layout for all the run's rows. */
    private final ColumnValues.Layout valuesLayout;

    public StreamRun(FreshdeskStream stream, String runId, Instant cursor) {
        this.stream = stream;
        this.valuesLayout = new ColumnValues.Layout(
                stream.columns().stream().map(Column::name).toList());
        this.runId = runId;
        this.startCursor = cursor.minus(stream.lookback());
        this.resumedFrom = cursor;
        this.flagsDeletions = stream.columns().stream().anyMatch(c -> c.name().equals(FreshdeskStream.DELETED_AT));
        this.cursor = cursor;
        this.pendingBatch = new PendingBatch(cursor);
        // keyset paging needs a list filtered and ordered by updated_at; a list filtered by creation time (a lookback
        // stream) is read by offset to its end, and its cursor moves then
        this.position = new KeysetPosition(startCursor,
                stream.listed().incremental() && stream.listed().lookback().isZero());
    }

    public FreshdeskStream stream() {
        return stream;
    }

    /** The layout of the run's rows' typed values: its stream's columns. */
    public ColumnValues.Layout valuesLayout() {
        return valuesLayout;
    }

    public String streamName() {
        return stream.streamName();
    }

    public String runId() {
        return runId;
    }

    public Instant startCursor() {
        return startCursor;
    }

    /**
     * The committed cursor the run resumed from: a record updated before it is loaded already, also when the run
     * reads further back (a lookback asks for records created since, and meets the ones it loaded before again).
     */
    public Instant resumedFrom() {
        return resumedFrom;
    }

    public Instant cursor() {
        return cursor;
    }

    /** Where the run's paging stands: what it asks for next ({@code PlanNextPage} moves it). */
    public KeysetPosition position() {
        return position;
    }

    @Override
    public Instant since() {
        return position.since();
    }

    @Override
    public int page() {
        return position.page();
    }

    /** The page of the run being read (from 1, over every request of the list), until the next one is planned. */
    @Override
    public int pageOfRun() {
        return position.pageOfRun();
    }

    /** {@link KeysetPosition#pageLabel()}: the page of the run, and the query's page when that differs. */
    @Override
    public String pageLabel() {
        return position.pageLabel();
    }

    /** Whether the list has more pages to read. */
    public boolean hasMore() {
        return position.hasMore();
    }

    public Instant newestWritten() {
        return totals.newestWritten();
    }

    public RunTotals totals() {
        return totals;
    }

    public Duration elapsed() {
        return Duration.between(startedAt, Instant.now());
    }

    public void pageRead(int recordCount, long duplicateCount, long rejectedCount, Instant newestOnPage) {
        totals.pageRead(recordCount, duplicateCount, rejectedCount, newestOnPage);
    }

    public void batchWritten(WriteResult result, boolean hadRows) {
        totals.batchWritten(result, hadRows);
    }

    /**
     * Whether the run moves a cursor: not a child of a list read whole (canned responses of their folders), which
     * reads every parent every run; a cursor would only make the next run skip parents whose children changed.
     */
    public boolean keepsCursor() {
        return stream.parent().isEmpty() || stream.listed().incremental();
    }

    /** Whether the loop fetches another page: the list has more, and no write of this run failed. */
    public boolean goesOn() {
        return position.hasMore() && writeFailure == null;
    }

    /** What the pages read since the last hand-over leave for the writer ({@code GatherRows}, {@code HandOverBatch}). */
    public PendingBatch pendingBatch() {
        return pendingBatch;
    }

    public void writeFailed(RuntimeException failure) {
        if (writeFailure == null) {
            writeFailure = failure;
        }
    }

    public RuntimeException writeFailure() {
        return writeFailure;
    }

    /** The first page with records tells where the data begins (a first run starts at sync.start-date, years before). */
    public void firstRecordAt(Instant updatedAt) {
        if (firstSeen == null && updatedAt != null) {
            firstSeen = updatedAt;
        }
    }

    /** Where the data of this run begins: the first record read, or the start cursor before any was. */
    public Instant dataBegins() {
        return firstSeen != null && firstSeen.isAfter(startCursor) ? firstSeen : startCursor;
    }

    public void idsSeen(List<? extends JsonNode> records) {
        if (seenCount + records.size() > seenIds.length) {
            seenIds = Arrays.copyOf(seenIds, Math.max(1024, (seenCount + records.size()) * 2));
        }
        for (JsonNode record : records) {
            seenIds[seenCount++] = FreshdeskRecords.id(record);
        }
    }

    public boolean flagsDeletions() {
        return flagsDeletions;
    }

    /** Whether the pages held any record at all. */
    public boolean sawRecords() {
        return seenCount > 0;
    }

    /** The distinct ids seen, ascending. */
    public long[] seenIds() {
        return Arrays.stream(seenIds, 0, seenCount).sorted().distinct().toArray();
    }

    public void customFieldsRead(List<CustomField> fields) {
        customFields.addAll(fields);
    }

    public List<CustomField> customFields() {
        return customFields;
    }

    public void childListsRead(int parents, int requests) {
        childLists += parents;
        childRequests += requests;
    }

    public long childLists() {
        return childLists;
    }

    public long childRequests() {
        return childRequests;
    }

    public void merged(WriteResult result) {
        totals.merged(result);
    }

    public void cursorCommitted(Instant committed) {
        this.cursor = committed;
        this.lastCommit = Instant.now();
    }

    /** The cursor and its keys are as last saved: nothing to save, and no commit was made. */
    void cursorUnchanged(Instant committed) {
        this.cursor = committed;
    }

    /** Whether a commit within the run is due: at least {@code interval} since the last one (zero: always). */
    public boolean commitDue(Duration interval) {
        return interval.isZero() || lastCommit == null || !Instant.now().isBefore(lastCommit.plus(interval));
    }

    public void aheadFrom(Instant limit) {
        this.aheadFrom = limit;
    }

    /** Whether a record updated at {@code updatedAt} is dated ahead of the clock: it moves no cursor. */
    public boolean aheadOfClock(Instant updatedAt) {
        return aheadFrom != null && updatedAt.isAfter(aheadFrom);
    }
}
