package io.freshdeskbigquery.sync.write;

import io.freshdeskbigquery.sync.run.StartStreamRun;

/**
 * The hand-over between a stream's paging loop and its writer: a SEDA queue per stream that holds one batch, so the
 * loop fetches and maps the next pages while the writer writes the batch before (and blocks when it is a whole batch
 * ahead: memory stays bounded). One consumer per queue keeps the batches, and so the cursor commits, in order.
 */
public final class WriteBehind {

    public static final String ROUTE_PREFIX = "write-";
    private static final String OPTIONS = "?size=1&blockWhenFull=true";

    /** The template's hand-over (its {@code {{stream}}} is the route's). */
    public static final String HAND_OVER = "seda:write-{{stream}}" + OPTIONS + "&waitForTaskToComplete=Never";
    /**
     * The end of a run, also one that failed: the rows read and not yet handed over go to the writer as the run's last
     * batch, and the run waits until the writer has written it and every batch before it (however long that takes).
     */
    public static final String WRITE_WHAT_WAS_READ = "direct:write-what-was-read";
    /** The hand-over that waits, to the queue of the exchange's stream. */
    public static final String HAND_OVER_AND_WAIT = "seda:write-${exchangeProperty." + StartStreamRun.STREAM_PROPERTY
            + "}"
            + OPTIONS + "&waitForTaskToComplete=Always&timeout=0";

    private WriteBehind() {
    }

    /** The writer's end of a stream's queue. */
    public static String queue(String stream) {
        return "seda:write-" + stream + OPTIONS;
    }
}
