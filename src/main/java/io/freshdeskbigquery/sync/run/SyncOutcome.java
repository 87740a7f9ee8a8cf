package io.freshdeskbigquery.sync.run;

import java.time.Instant;

/** How the last run of a stream ended. */
public record SyncOutcome(String stream, String runId, Status status, String message, Instant at) {

    public enum Status {
        SUCCEEDED, FAILED, SKIPPED,
        /** The application's shutdown stopped the run before the end of its list. */
        STOPPED
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
