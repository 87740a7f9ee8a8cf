package io.freshdeskbigquery.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the simulated Freshdesk account looks like: how much data, which key opens it, how tight its
 * rate limits are and which streams the key may not read.
 *
 * <p>A limit of 0 or less means unlimited. {@code now} is the simulator's clock at start: generated
 * records are created and updated before it, mutations happen after it.
 */
public record SimulatorSettings(long seed, int tickets, int contacts, int companies,
        String apiKey, int creditsPerMinute, int ticketsListPerMinute, int contactsListPerMinute,
        Instant now, Set<String> forbiddenStreams) {

    public static final Instant DEFAULT_NOW = Instant.parse("2026-11-01T00:00:00Z");

    public SimulatorSettings {
        if (tickets < 0 || contacts < 0 || companies < 0) {
            throw new IllegalArgumentException("record counts must not be negative");
        }
        if (contacts == 0 && tickets > 0) {
            throw new IllegalArgumentException("tickets need at least one contact as requester");
        }
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(now, "now");
        forbiddenStreams = Set.copyOf(forbiddenStreams == null ? Set.of() : forbiddenStreams);
    }

    /** An Enterprise-sized account: 700 credits a minute, 200 list calls a minute on tickets and contacts. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(42, 2000, 500, 100, "simulator-key", 700, 200, 200, DEFAULT_NOW, Set.of());
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(value, tickets, contacts, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withTickets(int value) {
        return new SimulatorSettings(seed, value, contacts, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withContacts(int value) {
        return new SimulatorSettings(seed, tickets, value, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withCompanies(int value) {
        return new SimulatorSettings(seed, tickets, contacts, value, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withApiKey(String value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, value, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withCreditsPerMinute(int value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, value,
                ticketsListPerMinute, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withTicketsListPerMinute(int value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, creditsPerMinute,
                value, contactsListPerMinute, now, forbiddenStreams);
    }

    public SimulatorSettings withContactsListPerMinute(int value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, value, now, forbiddenStreams);
    }

    /** No account budget and no list sub-limits. */
    public SimulatorSettings withUnlimitedRate() {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, 0, 0, 0, now, forbiddenStreams);
    }

    public SimulatorSettings withNow(Instant value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, value, forbiddenStreams);
    }

    /**
     * {@code simulator.now}: an ISO-8601 instant, or {@code today} (the start of the current UTC day by {@code clock});
     * unset, {@link #DEFAULT_NOW}.
     */
    public static Instant now(Optional<String> value, Clock clock) {
        if (value.isEmpty() || value.get().isBlank()) {
            return DEFAULT_NOW;
        }
        String text = value.get().trim();
        if (text.equalsIgnoreCase("today")) {
            return clock.instant().truncatedTo(ChronoUnit.DAYS);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("simulator.now '" + text + "' is neither an ISO-8601 instant such as"
                    + " 2026-11-01T00:00:00Z nor 'today'", e);
        }
    }

    public SimulatorSettings withForbiddenStreams(Set<String> value) {
        return new SimulatorSettings(seed, tickets, contacts, companies, apiKey, creditsPerMinute,
                ticketsListPerMinute, contactsListPerMinute, now, value);
    }
}
