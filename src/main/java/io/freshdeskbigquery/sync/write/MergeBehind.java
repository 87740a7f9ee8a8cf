package io.freshdeskbigquery.sync.write;

import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StartStreamRun;
import org.apache.camel.Exchange;

/**
 * The hand-over between a stream's writer and its merges: a SEDA queue per stream, one consumer, so a merge (which can
 * take seconds on a large table) runs beside the writes instead of holding up the writer and, behind it, the paging
 * loop. The queue holds one merge; merges of a stream run one at a time, in order. The end of a run hands its merge to
 * the same queue and waits for it, so it runs after every merge handed over before (and before the run marks rows gone
 * from a list read whole).
 */
public final class MergeBehind {

    public static final String ROUTE_PREFIX = "merge-";
    private static final String OPTIONS = "?size=1&blockWhenFull=true";
    private static final String STREAM_QUEUE = "seda:merge-${exchangeProperty." + StartStreamRun.STREAM_PROPERTY + "}"
            + OPTIONS;

    /** From the writer: the merge runs beside the next writes. */
    public static final String HAND_OVER = STREAM_QUEUE + "&waitForTaskToComplete=Never";
    /** From the run's end: the merge runs after those handed over before, and the run waits for it (however long). */
    public static final String HAND_OVER_AND_WAIT = STREAM_QUEUE + "&waitForTaskToComplete=Always&timeout=0";
    /** The end of a run (also one that failed): a merge handed over, and the wait for it (its failure comes back). */
    public static final String MERGE_AND_WAIT = "direct:merge-and-wait";
    /** Exchange property: the hand-over waits for the merge, and a failure of it goes back to the waiting route. */
    public static final String WAITED = "mergeWaited";

    private MergeBehind() {
    }

    /**
     * A run that ends in failure got as far as its tables (its cursor was read): the history may hold rows the current
     * table has not taken, the batches this run wrote since its last merge (also when a later write failed: the batches
     * before it are written) or those of an earlier run that was stopped, or whose merge failed, between its writes and
     * its merge. A merge brings them in: the destination's merge takes whatever the history holds beyond its merge mark
     * ({@code _merge_state}, BigQuery: {@code _sync_state.merged_through}), and finds nothing to do cheaply when there
     * is none (BigQuery: no job when the cursor's row says no write went past the mark).
     */
    public static boolean historyMayBeAhead(Exchange exchange) {
        return RunExchange.run(exchange) != null;
    }

    /** The merges' end of a stream's queue. */
    public static String queue(String stream) {
        return "seda:merge-" + stream + OPTIONS;
    }
}
