package io.freshdeskbigquery.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.Secrets;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /q/health/ready}): down while Freshdesk rejects the API key, or when a stream's last
 * {@code health.max-consecutive-failures} runs all failed. Each stream's last outcome is in the data, cut to
 * {@value #MAX_MESSAGE} characters, the API key masked (the endpoint needs no login).
 */
@Readiness
@ApplicationScoped
public class SyncHealthCheck implements HealthCheck {

    /** A run's outcome in the data, at most this long: the endpoint needs no login. */
    static final int MAX_MESSAGE = 500;

    @Inject
    SyncRuns runs;
    @Inject
    SyncSettings settings;
    @Inject
    HealthConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("freshdesk-sync").up();
        if (runs.authenticationRejected()) {
            response.down().withData("reason", "Freshdesk rejects the API key: check freshdesk.api-key");
        }
        settings.streams().forEach(stream -> {
            String name = stream.streamName();
            runs.last(name)
                    .ifPresent(outcome -> response.withData(name,
                            outcome.status() + ": "
                                    + LogText.abbreviate(Secrets.mask(outcome.message()), MAX_MESSAGE)));
            if (runs.consecutiveFailures(name) >= config.maxConsecutiveFailures()) {
                response.down().withData(name + ".consecutive-failures", runs.consecutiveFailures(name));
            }
        });
        return response.build();
    }
}
