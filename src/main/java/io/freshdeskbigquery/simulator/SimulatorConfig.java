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
