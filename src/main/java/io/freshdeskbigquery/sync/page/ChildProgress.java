package io.freshdeskbigquery.sync.page;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import io.freshdeskbigquery.sync.run.StreamRun;

/**
 * How much a child stream's run (conversations: a request or more for each changed ticket) has left, counted in the
 * requests it still has to make, not in its parents' list: a page of that list is one request, its parents' child lists
 * a hundred or more. The changed parents left are those the list still holds from how far the run has read it to now,
 * at the pace the run met them over as long a stretch of the list just before (parents a second of {@code updated_at}):
 * near the end of the list that is its last pages, which are usually its densest (tickets updated while the run goes on
 * land there too), where the whole list's pace would promise too few. The requests left are those parents at the run's
 * requests a parent so far, the time left those requests at the run's requests a second so far. The run keeps one of
 * these (an exchange property); it holds 16 bytes a page of parents.
 */
final class ChildProgress {

    /** The exchange property that keeps a child stream run's progress. */
    static final String PROPERTY = "childProgress";

    /** After each page of parents: {@code updated_at} read through (epoch seconds), and the parents read by then. */
    private long[] readThrough = new long[16];
    private long[] parentsRead = new long[16];
    private int pages;

    /**
     * Notes the page of parents just read and says what is left: {@code  (about 1900 changed tickets left: about 2100
     * requests, about 230 s at this pace)}; empty before the run has read a parent's child list.
     *
     * @param elapsed the run's time so far
     */
    String after(StreamRun run, Instant now, Duration elapsed) {
        Instant through = run.newestWritten();
        long parents = run.childLists();
        long requests = run.childRequests();
        if (through == null || parents <= 0 || requests <= 0) {
            return "";
        }
        note(through.getEpochSecond(), parents);
        long ahead = Math.max(0, now.getEpochSecond() - through.getEpochSecond());
        // the stretch just read that is as long as what is ahead (or all of it, early in the run)
        int from = lastPageThrough(through.getEpochSecond() - ahead);
        long fromSecond = from < 0 ? run.dataBegins().getEpochSecond() : readThrough[from];
        long fromParents = from < 0 ? 0 : parentsRead[from];
        long span = through.getEpochSecond() - fromSecond;
        long parentsLeft = span > 0 ? Math.round((double) (parents - fromParents) * ahead / span) : 0;
        long requestsLeft = (long) Math.ceil((double) parentsLeft * requests / parents);
        double seconds = Math.max(1, elapsed.toMillis()) / 1000.0;
        long secondsLeft = Math.round(requestsLeft / (requests / seconds));
        return " (about " + parentsLeft + " changed " + run.stream().listed().streamName() + " left: about "
                + requestsLeft + " requests, about " + secondsLeft + " s at this pace)";
    }

    private void note(long second, long parents) {
        if (pages == readThrough.length) {
            readThrough = Arrays.copyOf(readThrough, pages * 2);
            parentsRead = Arrays.copyOf(parentsRead, pages * 2);
        }
        readThrough[pages] = second;
        parentsRead[pages] = parents;
        pages++;
    }

    /** The last page read through {@code second} or before, or -1 when none was (the pages read further and further). */
    private int lastPageThrough(long second) {
        int low = 0;
        int high = pages - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (readThrough[middle] <= second) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }
}
