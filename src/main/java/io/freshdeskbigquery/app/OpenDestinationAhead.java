package io.freshdeskbigquery.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.arc.Unremovable;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelContextCustomizer;
import org.jboss.logging.Logger;

/**
 * Opens the destination on a thread of its own while Camel configures and starts the routes, instead of at the first
 * run's first step: DuckDB unpacks its native library and opens the file (0.2-0.3 s), BigQuery builds its clients.
 * Every run needs the destination first thing (its cursor), so this takes that time off the wait for the first request.
 * The first run that asks for the destination while it is still opening waits for it (one bean, made once). If
 * opening fails here, it is left to the run, which tries again and reports the error with the stream it was for.
 * With leader election on, a syncer opens the destination only once it leads: a standby must not take the DuckDB file's
 * lock from the leader. Under {@code sync.check} nothing opens it: a check must not create the file ({@link CheckRoutes}).
 */
@ApplicationScoped
@Unremovable // found by Camel as a customizer, injected nowhere
public class OpenDestinationAhead implements CamelContextCustomizer {

    private static final Logger LOG = Logger.getLogger(OpenDestinationAhead.class);

    @Inject
    Instance<Destination> destination;
    @Inject
    LeaderElection leaderElection;
    @Inject
    SyncSettings settings;

    @Override
    public void configure(CamelContext camel) {
        if (leaderElection.enabled() || settings.check()) {
            return;
        }
        Thread opening = new Thread(this::open, "open-destination");
        opening.setDaemon(true);
        opening.start();
    }

    private volatile boolean opened;

    /** Whether this opened the destination (for the tests: a customizer Camel never called would open nothing). */
    boolean opened() {
        return opened;
    }

    private void open() {
        try {
            destination.get().describe();
            opened = true;
        } catch (RuntimeException e) {
            LOG.debugf("Opening the destination ahead failed (the first run tries again and says why): %s",
                    e.getMessage());
        }
    }
}
