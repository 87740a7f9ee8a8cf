package io.freshdeskbigquery.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskSettings;
import io.quarkus.arc.profile.UnlessBuildProfile;
import org.apache.camel.builder.RouteBuilder;

/**
 * The stand-in for the outside world: serves the simulated Freshdesk account over HTTP at
 * {@value FreshdeskSettings#SIMULATOR_PATH}, on the application's own port, when the simulator is active.
 * Never on the production path: with a real account configured, this route does not exist.
 */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class SimulatorRoutes extends RouteBuilder {

    /** The answers' headers as the simulator sets them, its clock in {@code Date} too ({@link SimulatorHeaders}). */
    private static final String HEADERS = "?headerFilterStrategy=#simulatorHeaders";

    @Inject
    FreshdeskSettings settings;

    // the steps of the routes, each a bean
    @Inject
    ServeSimulatedFreshdesk serveSimulatedFreshdesk;
    @Inject
    InjectSimulatorFault injectSimulatorFault;
    @Inject
    ServeSimulatedExportFile serveSimulatedExportFile;

    @Override
    public void configure() {
        // @formatter:off
        if (!settings.simulator()) {
            return;
        }
        from("platform-http:" + FreshdeskSettings.SIMULATOR_PATH + "/{stream}" + HEADERS)
                .routeId("freshdesk-simulator")
                .process(serveSimulatedFreshdesk)
                // slow-response faults: the simulator says how long, the Delay EIP waits
                .delay(header(ServeSimulatedFreshdesk.DELAY_HEADER)).asyncDelayed()
                .removeHeader(ServeSimulatedFreshdesk.DELAY_HEADER);

        // a list under a folder: surveys/satisfaction_ratings, admin/skills, email/mailboxes, solutions/categories
        from("platform-http:" + FreshdeskSettings.SIMULATOR_PATH + "/{stream}/{list}" + HEADERS)
                .routeId("freshdesk-simulator-nested-list")
                .process(serveSimulatedFreshdesk);

        // a child list: tickets/{id}/conversations
        from("platform-http:" + FreshdeskSettings.SIMULATOR_PATH + "/{stream}/{parent}/{child}" + HEADERS)
                .routeId("freshdesk-simulator-child-list")
                .process(serveSimulatedFreshdesk);

        // a child list under a folder: solutions/categories/{id}/folders
        from("platform-http:" + FreshdeskSettings.SIMULATOR_PATH + "/{stream}/{list}/{parent}/{child}" + HEADERS)
                .routeId("freshdesk-simulator-nested-child-list")
                .process(serveSimulatedFreshdesk);

        // a file of the ticket activity export, behind the signed link the export answers (a storage's, not the API's)
        from("platform-http:/simulator" + SimulatedFreshdesk.EXPORT_FILES + "{file}")
                .routeId("freshdesk-simulator-export-file")
                .process(serveSimulatedExportFile);

        // faults on demand, for trying the loader's error handling by hand
        from("platform-http:/simulator/faults?httpMethodRestrict=POST")
                .routeId("freshdesk-simulator-faults")
                .process(injectSimulatorFault);
        // @formatter:on
    }
}
