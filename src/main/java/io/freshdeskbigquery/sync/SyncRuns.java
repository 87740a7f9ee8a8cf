package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskAnswered;
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
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A run in progress: since when, and when it last heard from Freshdesk or wrote a page. */
    public record Running(String runId, Instant since, Instant lastActivity) {
    }

    @Inject
    SyncSettings settings;

    public void record(String stream, String runId, SyncOutcome.Status status, String message) {
        record(stream, runId, status, message, null);
    }

    /** A run of the stream has started. */
    public void started(String stream, String runId) {
        Instant now = Instant.now();
        running.put(stream, new Running(runId, now, now));
    }

    /** Freshdesk answered one of the stream's requests (a 429 too): its run is not stuck. */
    void answered(@Observes FreshdeskAnswered answer) {
        activity(answer.stream());
    }

    /** The stream's run got an answer from Freshdesk or wrote a page: it is not stuck. */
    public void activity(String stream) {
        running.computeIfPresent(stream, (s, r) -> new Running(r.runId(), r.since(), Instant.now()));
    }

    /** The runs in progress, by stream. */
    public Map<String, Running> running() {
        return Map.copyOf(running);
    }

    /** Ends the stream's run (succeeded, failed or skipped) and keeps its outcome. */
    public void record(String stream, String runId, SyncOutcome.Status status, String message, Throwable cause) {
        running.remove(stream);
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
