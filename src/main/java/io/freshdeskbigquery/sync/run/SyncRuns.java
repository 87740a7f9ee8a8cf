package io.freshdeskbigquery.sync.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskAnswered;
import io.freshdeskbigquery.freshdesk.FreshdeskHttpException;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.runtime.Quarkus;
import org.jboss.logging.Logger;

/**
 * The outcome of each stream's last run. With {@code sync.once=true}, once every configured stream has run,
 * the application exits: 0 when all succeeded (or were skipped), 1 when any failed, {@value #STOPPED_STATUS} when the
 * application's shutdown (a signal) stopped any before the end.
 */
@ApplicationScoped
public class SyncRuns {

    /** The exit status of a {@code sync.once} process stopped before its runs ended: SIGTERM's (128 + 15). */
    public static final int STOPPED_STATUS = 143;

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
        consecutiveFailures.compute(stream,
                (s, n) -> status == SyncOutcome.Status.FAILED ? (n == null ? 1 : n + 1) : 0);
        authenticationRejected = cause instanceof FreshdeskHttpException.Unauthorized
                || (authenticationRejected && status == SyncOutcome.Status.FAILED);
        if (settings.once() && settings.streams().stream().allMatch(s -> outcomes.containsKey(s.streamName()))) {
            List<String> stopped = outcomes.values()
                    .stream()
                    .filter(o -> o.status() == SyncOutcome.Status.STOPPED)
                    .map(SyncOutcome::stream)
                    .sorted()
                    .toList();
            if (!stopped.isEmpty()) {
                // a signal's shutdown: the JVM exits 128 + the signal (143 for SIGTERM) whatever is asked here; 143
                // also when something else stopped the application
                LOG.warnf("sync.once: stopped by the application's shutdown (a signal) before %s read to the end;"
                        + " exiting with status %d", String.join(", ", stopped), STOPPED_STATUS);
                Quarkus.asyncExit(STOPPED_STATUS);
                return;
            }
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
