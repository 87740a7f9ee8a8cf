package io.freshdeskbigquery.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The list endpoints the simulator serves, each under its path relative to {@code /api/v2/}. */
public enum SimStream {
    TICKETS("tickets"), CONTACTS("contacts"), COMPANIES("companies"), AGENTS("agents"), GROUPS("groups"), ROLES(
            "roles"),
    // added after the first six: a stream's position seeds its data, so new ones go last
    SATISFACTION_RATINGS("surveys/satisfaction_ratings"), TIME_ENTRIES("time_entries"), SKILLS(
            "admin/skills"), PRODUCTS("products"), BUSINESS_HOURS("business_hours"), SLA_POLICIES(
                    "sla_policies"), TICKET_FIELDS("ticket_fields"), CONTACT_FIELDS("contact_fields"), COMPANY_FIELDS(
                            "company_fields"), EMAIL_CONFIGS("email_configs"), MAILBOXES(
                                    "email/mailboxes"), CANNED_RESPONSE_FOLDERS("canned_response_folders"), SURVEYS(
                                            "surveys"), SOLUTION_CATEGORIES(
                                                    "solutions/categories"), SCENARIO_AUTOMATIONS(
                                                            "scenario_automations"), DISCUSSION_CATEGORIES(
                                                                    "discussions/categories"),
    /** One object, not a list: the helpdesk's languages (its one record's id is the simulator's own). */
    HELPDESK_SETTINGS("settings/helpdesk");

    private final String path;

    SimStream(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The stream served at a path such as {@code tickets} or {@code /tickets/}; empty when none is. */
    public static Optional<SimStream> ofPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String trimmed = path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        for (SimStream stream : values()) {
            if (stream.path.equals(trimmed)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #ofPath} but for a name given by a caller of the Java API, its path or the loader's stream name
     * ({@code satisfaction_ratings} for {@code surveys/satisfaction_ratings}): unknown names are a bug.
     */
    public static SimStream named(String name) {
        return ofPath(name).or(() -> Arrays.stream(values())
                .filter(stream -> stream.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst())
                .orElseThrow(() -> new IllegalArgumentException("unknown stream: " + name));
    }
}
