package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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

    /** The clock jumps to {@code later} (a day passes in a test); never back. */
    void advanceTo(Instant later) {
        if (later.isAfter(now)) {
            now = later;
        }
    }

    /** A ticket's change: its kind, the version it made, and when. What {@link TicketActivities} tells of it. */
    record TicketEvent(long second, int row, Kind kind, int version) {
        enum Kind {
            CREATED, UPDATED, DELETED, SPAM, RESTORED
        }
    }

    /** The tickets' changes since the account was generated, in the order they happened. */
    private final List<TicketEvent> ticketEvents = new ArrayList<>();
    /** The {@code updated_at} a generated ticket had before its first change: where its generated history ends. */
    private final Map<Integer, Long> generatedUpdatedAt = new HashMap<>();

    /** Before a ticket changes: a generated ticket's own last update is kept, for its history. */
    void ticketChanging(int row) {
        RecordStore tickets = store(SimStream.TICKETS);
        if (row < initialCount(SimStream.TICKETS)) {
            generatedUpdatedAt.putIfAbsent(row, tickets.updatedAt(row));
        }
    }

    /** After a ticket changed. */
    void ticketChanged(int row, TicketEvent.Kind kind) {
        RecordStore tickets = store(SimStream.TICKETS);
        ticketEvents.add(new TicketEvent(tickets.updatedAt(row), row, kind, tickets.version(row)));
    }

    List<TicketEvent> ticketEvents() {
        return ticketEvents;
    }

    /** When a generated ticket was last updated before the simulator started changing tickets. */
    long generatedUpdatedAt(int row) {
        Long before = generatedUpdatedAt.get(row);
        return before != null ? before : store(SimStream.TICKETS).updatedAt(row);
    }
}
