package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** The simulated account's records, one {@link RecordStore} per stream, and the simulated clock. */
final class Dataset {

    private final long seed;
    private final Map<SimStream, RecordStore> stores;
    private final Map<SimStream, Integer> initialCounts = new EnumMap<>(SimStream.class);
    private Instant now;

    Dataset(long seed, Map<SimStream, RecordStore> stores, Instant now) {
        this.seed = seed;
        this.stores = new EnumMap<>(stores);
        this.now = now;
        for (SimStream stream : SimStream.values()) {
            initialCounts.put(stream, store(stream).size());
        }
    }

    long seed() {
        return seed;
    }

    RecordStore store(SimStream stream) {
        RecordStore store = stores.get(stream);
        if (store == null) {
            throw new IllegalStateException("no records for " + stream);
        }
        return store;
    }

    /**
     * How many records a stream had when generated. References between records (a ticket's requester,
     * a contact's company) point into this range only, so they never depend on later mutations.
     */
    int initialCount(SimStream stream) {
        return initialCounts.get(stream);
    }

    Instant now() {
        return now;
    }

    /** One second later: every mutation batch happens at a new, strictly later second. */
    Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }
}
