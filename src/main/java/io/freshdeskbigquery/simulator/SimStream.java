package io.freshdeskbigquery.simulator;

import java.util.Optional;

/** The list endpoints the simulator serves, each under its path relative to {@code /api/v2/}. */
public enum SimStream {
    TICKETS("tickets"),
    CONTACTS("contacts"),
    COMPANIES("companies"),
    AGENTS("agents"),
    GROUPS("groups"),
    ROLES("roles");

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

    /** Like {@link #ofPath} but for a name given by a caller of the Java API: unknown names are a bug. */
    public static SimStream named(String name) {
        return ofPath(name).orElseThrow(() -> new IllegalArgumentException("unknown stream: " + name));
    }
}
