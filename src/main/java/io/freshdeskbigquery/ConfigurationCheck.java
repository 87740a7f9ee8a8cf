package io.freshdeskbigquery;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.app.LeaderElection;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationProducer;
import io.freshdeskbigquery.destination.DestinationType;
import io.freshdeskbigquery.destination.bigquery.BigQueryConfig;
import io.freshdeskbigquery.destination.bigquery.BigQuerySettings;
import io.freshdeskbigquery.freshdesk.ExportFileClient;
import io.freshdeskbigquery.freshdesk.FreshdeskConfig;
import io.freshdeskbigquery.freshdesk.FreshdeskSettings;
import io.freshdeskbigquery.freshdesk.PageSizeCap;
import io.freshdeskbigquery.freshdesk.RateBudget;
import io.freshdeskbigquery.freshdesk.RateLimitWaits;
import io.freshdeskbigquery.freshdesk.RequestDeadline;
import io.freshdeskbigquery.health.HealthConfig;
import io.freshdeskbigquery.simulator.SimulatorConfig;
import io.freshdeskbigquery.simulator.SimulatorSettings;
import io.freshdeskbigquery.sync.activities.ActivitySettings;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.jboss.logging.Logger;

/**
 * Checks every operator setting before anything uses one: Camel Main's {@code BeforeConfigure} comes before any route
 * is built, Freshdesk asked or the destination opened. The settings classes check their keys when they are made
 * (most are made lazily, at their first use, which was a run's first page); making them all here stops a wrong value
 * at the start. A wrong setting is reported as one ERROR line naming the key and what it accepts (its stack trace at
 * DEBUG), and the application exits 1.
 */
@ApplicationScoped
public class ConfigurationCheck {

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class);

    @Inject
    SyncSettings sync;
    @Inject
    FreshdeskSettings freshdesk;
    @Inject
    FreshdeskConfig freshdeskConfig;
    @Inject
    RateBudget budget;
    @Inject
    Instance<RequestDeadline> requestDeadline;
    @Inject
    Instance<PageSizeCap> pageSizeCap;
    @Inject
    LeaderElection leaderElection;
    @Inject
    DestinationConfig destination;
    @Inject
    Instance<Destination> destinations;
    @Inject
    BigQueryConfig bigQuery;
    @Inject
    HealthConfig health;
    @Inject
    Instance<ActivitySettings> activities;
    @Inject
    SimulatorConfig simulator;
    @Inject
    Instance<ExportFileClient> exportFiles;

    void beforeTheRoutes(@Observes BeforeConfigure event) {
        try {
            sync.streams();
            freshdesk.simulator();
            budget.accountPerMinute();
            RateLimitWaits.check(freshdeskConfig.retry());
            requestDeadline.get();
            pageSizeCap.get().maxBytes();
            exportFiles.get().limit();
            activities.get().backfill();
            SimulatorSettings.now(simulator.now(), Clock.systemUTC());
            leaderElection.enabled();
            if (destinations.getHandle().getBean().getBeanClass() == DestinationProducer.class) {
                // (not made here: a test's enabled alternative Destination answers to a type of its own)
                DestinationProducer.checkType(destination);
            }
            if (destination.selects(DestinationType.BIGQUERY)) {
                BigQuerySettings.from(bigQuery);
            }
            checkHealth(health);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error(e.getMessage());
            LOG.debug("The setting was refused here", e);
            throw new ConfigurationException(STOPPED);
        }
    }

    /** What Quarkus prints (on stderr) after the ERROR line when a setting stops the start. */
    static final String STOPPED = "The application did not start: a setting is wrong (the ERROR line above names it)";

    static void checkHealth(HealthConfig health) {
        if (health.maxConsecutiveFailures() < 1) {
            throw new IllegalArgumentException(
                    "health.max-consecutive-failures must be at least 1 (failed runs in a row),"
                            + " not " + health.maxConsecutiveFailures());
        }
        if (health.stalledAfter().isNegative() || health.stalledAfter().isZero()) {
            throw new IllegalArgumentException("health.stalled-after must be a positive duration such as 30m, not "
                    + health.stalledAfter());
        }
    }
}
