package io.freshdeskbigquery.simulator;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.UnlessBuildProfile;
import org.jboss.logging.Logger;

/** The simulated Freshdesk account of dev mode, tests and benchmarks, sized by {@code simulator.*}. */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class SimulatorProducer {

    private static final Logger LOG = Logger.getLogger(SimulatorProducer.class);

    @Produces
    @Singleton
    SimulatedFreshdesk simulatedFreshdesk(SimulatorConfig config, ObjectMapper json) {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withSeed(config.seed())
                .withTickets(config.tickets())
                .withContacts(config.contacts())
                .withCompanies(config.companies())
                .withApiKey(config.apiKey())
                .withCreditsPerMinute(config.creditsPerMinute())
                .withTicketsListPerMinute(config.ticketsListPerMinute())
                .withContactsListPerMinute(config.contactsListPerMinute())
                .withForbiddenStreams(config.forbiddenStreams().orElse(Set.of()))
                .withNow(SimulatorSettings.now(config.now(), Clock.systemUTC()));
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(settings, Clock.systemUTC(), json);
        SimulatorConfig.Mutations mutations = config.mutations();
        if (mutations.everyRequests() > 0) {
            simulator.mutations()
                    .everyRequests(mutations.everyRequests(), mutations.updates(), mutations.creates(),
                            mutations.deletes());
        }
        LOG.infof("Freshdesk simulator: %d tickets, %d contacts, %d companies (seed %d), %s", config.tickets(),
                config.contacts(), config.companies(), config.seed(),
                config.creditsPerMinute() > 0 ? config.creditsPerMinute() + " credits a minute" : "no rate limit");
        return simulator;
    }
}
