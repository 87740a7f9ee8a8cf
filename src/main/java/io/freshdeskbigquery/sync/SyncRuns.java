package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import org.jboss.logging.Logger;

/**
 * The outcome of each stream's last run. With {@code sync.once=true}, once every configured stream has run,
 * the application exits: 0 when all succeeded (or were skipped), 1 when any failed.
 */
@ApplicationScoped
public class SyncRuns {

    private static final Logger LOG = Logger.getLogger(SyncRuns.class);

    private final Map<String, SyncOutcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutiveFailures = new ConcurrentHashMap<>();
    private volatile boolean authenticationRejected;

    @Inject
    SyncSettings settings;

    public void record(String stream, String runId, SyncOutcome.Status status, String message) {
        record(stream, runId, status, message, null);
    }

    public void record(String stream, String runId, SyncOutcome.Status status, String message, Throwable cause) {
        outcomes.put(stream, new SyncOutcome(stream, runId, status, message, Instant.now()));
        consecutiveFailures.compute(stream, (s, n) -> status == SyncOutcome.Status.FAILED ? (n == null ? 1 : n + 1) : 0);
        authenticationRejected = cause instanceof io.freshdeskbigquery.freshdesk.FreshdeskHttpException.Unauthorized
                || (authenticationRejected && status == SyncOutcome.Status.FAILED);
        if (settings.once() && settings.streams().stream().allMatch(s -> outcomes.containsKey(s.streamName()))) {
            boolean failed = outcomes.values().stream().anyMatch(SyncOutcome::failed);
            LOG.infof("sync.once: every stream has run, %s; exiting with status %d",
                    failed ? "some failed" : "all succeeded", failed ? 1 : 0);
            Quarkus.asyncExit(failed ? 1 : 0);
        }
    }

    /** How many runs of the stream failed in a row, up to its last one. */
    public int consecutiveFailures(String stream) {
        return consecutiveFailures.getOrDefault(stream, 0);
    }

    /** True while Freshdesk keeps rejecting the API key. */
    public boolean authenticationRejected() {
        return authenticationRejected;
    }

    public Optional<SyncOutcome> last(String stream) {
        return Optional.ofNullable(outcomes.get(stream));
    }
}
