package io.freshdeskbigquery.simulator;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code simulator.*} keys of the built-in Freshdesk simulator (dev and test builds), with their defaults. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Forces the simulator on or off; unset: on in a build that carries it when no account is configured. */
    Optional<Boolean> enabled();

    @WithDefault("42")
    long seed();

    /**
     * The simulated clock at start: the generated account's history ends there, and its changes come after. An
     * ISO-8601 instant, or {@code today} (the start of the current day, UTC: the history reaches the loader's own clock,
     * as dev mode wants for the daily activity export). Unset: 2026-11-01T00:00:00Z, the same for every start.
     */
    Optional<String> now();

    @WithDefault("5000")
    int tickets();

    @WithDefault("1000")
    int contacts();

    @WithDefault("200")
    int companies();

    @WithDefault("simulator-key")
    String apiKey();

    /** 0: no limit */
    @WithDefault("700")
    int creditsPerMinute();

    @WithDefault("200")
    int ticketsListPerMinute();

    @WithDefault("200")
    int contactsListPerMinute();

    Mutations mutations();

    /** Streams the simulated key may not read (answered 403). */
    Optional<Set<String>> forbiddenStreams();

    interface Mutations {
        /** Every N-th list request changes records; 0: none. */
        @WithDefault("10")
        int everyRequests();

        @WithDefault("3")
        int updates();

        @WithDefault("1")
        int creates();

        @WithDefault("0")
        int deletes();
    }
}
