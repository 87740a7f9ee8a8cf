package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.jboss.logging.Logger;

/**
 * Starts the streams' schedules once the application is up, HTTP server included: with the built-in simulator
 * the first run would otherwise knock on a port that is not listening yet.
 */
@ApplicationScoped
public class ScheduleStarter {

    private static final Logger LOG = Logger.getLogger(ScheduleStarter.class);

    @Inject
    CamelContext camelContext;
    @Inject
    SyncSettings settings;

    void onStart(@Observes StartupEvent event) throws Exception {
        for (Route route : camelContext.getRoutes()) {
            if (route.getRouteId().startsWith(StreamSyncRoutes.SCHEDULE_PREFIX)) {
                camelContext.getRouteController().startRoute(route.getRouteId());
            }
        }
        LOG.infof("Streams %s scheduled: %s", settings.streams().stream().map(s -> s.streamName()).toList(),
                settings.once() ? "each runs once, then the application exits" : settings.describeSchedules());
    }
}
