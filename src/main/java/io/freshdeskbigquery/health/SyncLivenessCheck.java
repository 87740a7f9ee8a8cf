package io.freshdeskbigquery.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.sync.run.SyncRuns;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness ({@code /q/health/live}): down when a stream run is stuck, that is, it has had no answer from
 * Freshdesk (a 429 counts: waiting out a rate limit is progress) and written no page for
 * {@code health.stalled-after}. Every call the loader makes has a timeout and every retry a bound, so a run that
 * stops hearing anything is wedged, and restarting the process (what Kubernetes does on a failed liveness
 * probe) is the cure; its cursor stays where the last written page put it. A failing account or API key does not
 * make liveness go down (a restart would not help): readiness reports those.
 */
@Liveness
@ApplicationScoped
public class SyncLivenessCheck implements HealthCheck {

    @Inject
    SyncRuns runs;
    @Inject
    HealthConfig config;

    @Override
    public HealthCheckResponse call() {
        return check(Instant.now());
    }

    public HealthCheckResponse check(Instant now) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("freshdesk-sync-runs").up();
        for (Map.Entry<String, SyncRuns.Running> entry : runs.running().entrySet()) {
            SyncRuns.Running run = entry.getValue();
            Duration quiet = Duration.between(run.lastActivity(), now);
            response.withData(entry.getKey(), "run " + run.runId() + " in progress since " + run.since()
                    + ", last activity " + quiet.toSeconds() + " s ago");
            if (quiet.compareTo(config.stalledAfter()) > 0) {
                response.down()
                        .withData(entry.getKey() + ".stalled", "no answer from Freshdesk and no page written for "
                                + quiet.toMinutes() + " min (health.stalled-after=" + config.stalledAfter() + ")");
            }
        }
        return response.build();
    }
}
