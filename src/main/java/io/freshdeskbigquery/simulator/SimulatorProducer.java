package io.freshdeskbigquery.simulator;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.profile.UnlessBuildProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The simulated Freshdesk account of dev mode, tests and benchmarks, sized by {@code simulator.*}. */
@UnlessBuildProfile("prod")
@ApplicationScoped
public class SimulatorProducer {

    private static final Logger LOG = Logger.getLogger(SimulatorProducer.class);

    @Produces
    @Singleton
    SimulatedFreshdesk simulatedFreshdesk(
            @ConfigProperty(name = "simulator.seed") long seed,
            @ConfigProperty(name = "simulator.tickets") int tickets,
            @ConfigProperty(name = "simulator.contacts") int contacts,
            @ConfigProperty(name = "simulator.companies") int companies,
            @ConfigProperty(name = "simulator.api-key") String apiKey,
            @ConfigProperty(name = "simulator.credits-per-minute") int creditsPerMinute,
            @ConfigProperty(name = "simulator.tickets-list-per-minute") int ticketsListPerMinute,
            @ConfigProperty(name = "simulator.contacts-list-per-minute") int contactsListPerMinute,
            @ConfigProperty(name = "simulator.mutations.every-requests") int mutateEvery,
            @ConfigProperty(name = "simulator.mutations.updates") int updates,
            @ConfigProperty(name = "simulator.mutations.creates") int creates,
            @ConfigProperty(name = "simulator.mutations.deletes") int deletes,
            @ConfigProperty(name = "simulator.forbidden-streams") java.util.Optional<java.util.Set<String>> forbidden,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        SimulatorSettings settings = SimulatorSettings.defaults().withSeed(seed).withTickets(tickets)
                .withContacts(contacts).withCompanies(companies).withApiKey(apiKey)
                .withCreditsPerMinute(creditsPerMinute).withTicketsListPerMinute(ticketsListPerMinute)
                .withContactsListPerMinute(contactsListPerMinute)
                .withForbiddenStreams(forbidden.orElse(java.util.Set.of()));
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(settings, Clock.systemUTC(), json);
        if (mutateEvery > 0) {
            simulator.mutations().everyRequests(mutateEvery, updates, creates, deletes);
        }
        LOG.infof("Freshdesk simulator: %d tickets, %d contacts, %d companies (seed %d), %s", tickets, contacts,
                companies, seed, creditsPerMinute > 0 ? creditsPerMinute + " credits a minute" : "no rate limit");
        return simulator;
    }
}
