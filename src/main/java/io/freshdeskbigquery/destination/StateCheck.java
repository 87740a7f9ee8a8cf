package io.freshdeskbigquery.destination;

/**
 * What {@link Sink#CHECK_STATE} found for {@code sync.check}: the stream's committed state ({@code null} before its
 * first commit), or, for a destination that does not exist yet but that a first sync can create, {@code missing} says
 * so. A destination that cannot be read or created is a {@link DestinationException} instead.
 */
public record StateCheck(SyncState committed, String missing) {

    /** The destination was read: the stream's committed state, or null. */
    public static StateCheck read(SyncState committed) {
        return new StateCheck(committed, null);
    }

    /** The destination does not exist yet; the first sync creates it. */
    public static StateCheck missing(String why) {
        return new StateCheck(null, why);
    }
}
