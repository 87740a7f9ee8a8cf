package io.freshdeskbigquery.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.arc.profile.UnlessBuildProfile;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The headers of the simulator's answers as an HTTP server sends them, and its {@code Date} too: the simulated account's
 * clock, as Freshdesk's answers carry its own (Camel's HTTP endpoints would leave it out, a header the server sets).
 */
@UnlessBuildProfile("prod")
@ApplicationScoped
@Named("simulatorHeaders")
public class SimulatorHeaders extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("date");
    }
}
