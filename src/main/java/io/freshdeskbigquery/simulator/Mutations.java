package io.freshdeskbigquery.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Changes to the account while a sync reads it, as support agents and customers make them.
 *
 * <p>Every change happens in a batch, and every batch first moves the simulator's clock on by one
 * second: changed records get that second as updated_at, so they are always at least as new as
 * everything already there, as in reality. Which records change is drawn from a random source seeded
 * by the account seed, so the same settings and the same request sequence give the same changes.
 *
 * <p>{@link #everyRequests} makes a batch after every n-th list request answered 200 (after the
 * answer was built: the request that triggers a batch does not see it). Its updates hit tickets and
 * contacts alike; creates and deletes hit tickets. The direct methods make one batch per call.
 */
public final class Mutations {

    private final Object lock;
    private final Dataset data;
    private final Random random;
    private int everyRequests;
    private int updates;
    private int creates;
    private int deletes;
    private long successfulLists;
    private long batches;

    Mutations(Object lock, Dataset data) {
        this.lock = lock;
        this.data = data;
        this.random = Seeds.random(data.seed(), 0x6d757461L);
    }

    /**
     * After every n-th successful list request: update {@code updates} random tickets and as many
     * random contacts, create {@code creates} tickets and delete {@code deletes} tickets.
     */
    public Mutations everyRequests(int n, int updates, int creates, int deletes) {
        if (n < 1 || updates < 0 || creates < 0 || deletes < 0) {
            throw new IllegalArgumentException("n must be at least 1 and counts not negative");
        }
        synchronized (lock) {
            this.everyRequests = n;
            this.updates = updates;
            this.creates = creates;
            this.deletes = deletes;
            this.successfulLists = 0;
        }
        return this;
    }

    /** No more automatic batches; direct calls still work. */
    public Mutations off() {
        synchronized (lock) {
            everyRequests = 0;
        }
        return this;
    }

    /** Updates one ticket; returns its new updated_at. */
    public Instant touchTicket(long id) {
        return touch("tickets", id);
    }

    /** Updates one record of a stream; returns its new updated_at. */
    public Instant touch(String stream, long id) {
        synchronized (lock) {
            RecordStore store = data.store(SimStream.named(stream));
            int row = liveRow(store, id);
            Instant now = data.tick();
            batches++;
            changing(store, row);
            store.touch(row, now.getEpochSecond());
            changed(store, row, Dataset.TicketEvent.Kind.UPDATED);
            return now;
        }
    }

    /** Updates {@code count} distinct random live records of a stream (fewer if it has fewer); returns their ids. */
    public List<Long> updateRandom(String stream, int count) {
        synchronized (lock) {
            long now = startBatch();
            return update(data.store(SimStream.named(stream)), count, now);
        }
    }

    /** Creates {@code count} records of a stream, created and updated now; returns their ids. */
    public List<Long> create(String stream, int count) {
        synchronized (lock) {
            long now = startBatch();
            return create(data.store(SimStream.named(stream)), count, now);
        }
    }

    /** Deletes {@code count} distinct random live records of a stream; returns their ids. */
    public List<Long> deleteRandom(String stream, int count) {
        synchronized (lock) {
            long now = startBatch();
            return delete(data.store(SimStream.named(stream)), count, now);
        }
    }

    /** Deletes one record of a stream. */
    public void delete(String stream, long id) {
        synchronized (lock) {
            RecordStore store = data.store(SimStream.named(stream));
            int row = liveRow(store, id);
            long now = startBatch();
            changing(store, row);
            store.delete(row, now);
            changed(store, row, Dataset.TicketEvent.Kind.DELETED);
        }
    }

    /** Marks one ticket as spam: it leaves the tickets list for {@code filter=spam}. */
    public void markSpam(String stream, long id) {
        synchronized (lock) {
            RecordStore store = data.store(SimStream.named(stream));
            int row = liveRow(store, id);
            long now = startBatch();
            changing(store, row);
            store.markSpam(row, now);
            changed(store, row, Dataset.TicketEvent.Kind.SPAM);
        }
    }

    /** Restores a deleted or spam record: it is back in the normal list, updated now. */
    public void restore(String stream, long id) {
        synchronized (lock) {
            RecordStore store = data.store(SimStream.named(stream));
            int row = store.rowOf(id);
            if (row < 0 || !store.isGone(row)) {
                throw new IllegalArgumentException("no deleted or spam record with id " + id);
            }
            long now = startBatch();
            changing(store, row);
            store.restore(row, now);
            changed(store, row, Dataset.TicketEvent.Kind.RESTORED);
        }
    }

    /** How many batches have run, automatic and direct. */
    public long batches() {
        synchronized (lock) {
            return batches;
        }
    }

    /** Called by the simulator, holding the lock, after a list request answered 200. */
    void afterSuccessfulList() {
        if (everyRequests < 1 || ++successfulLists % everyRequests != 0) {
            return;
        }
        long now = startBatch();
        update(data.store(SimStream.TICKETS), updates, now);
        update(data.store(SimStream.CONTACTS), updates, now);
        create(data.store(SimStream.TICKETS), creates, now);
        delete(data.store(SimStream.TICKETS), deletes, now);
    }

    private long startBatch() {
        batches++;
        return data.tick().getEpochSecond();
    }

    private List<Long> update(RecordStore store, int count, long now) {
        List<Long> ids = new ArrayList<>();
        for (int row : randomLiveRows(store, count)) {
            changing(store, row);
            store.touch(row, now);
            changed(store, row, Dataset.TicketEvent.Kind.UPDATED);
            ids.add(store.id(row));
        }
        return ids;
    }

    private List<Long> create(RecordStore store, int count, long now) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = DataGenerator.nextId(store.size() == 0 ? 1_000_000_000L : store.lastId(), random);
            int row = store.append(id, now, now);
            changed(store, row, Dataset.TicketEvent.Kind.CREATED);
            ids.add(id);
        }
        return ids;
    }

    private List<Long> delete(RecordStore store, int count, long now) {
        List<Long> ids = new ArrayList<>();
        for (int row : randomLiveRows(store, count)) {
            changing(store, row);
            store.delete(row, now);
            changed(store, row, Dataset.TicketEvent.Kind.DELETED);
            ids.add(store.id(row));
        }
        return ids;
    }

    private List<Integer> randomLiveRows(RecordStore store, int count) {
        int wanted = Math.min(count, store.liveCount());
        Set<Integer> chosen = new HashSet<>();
        List<Integer> rows = new ArrayList<>();
        while (rows.size() < wanted) {
            int row = random.nextInt(store.size());
            // walk forward to the next live, not yet chosen row: terminates since wanted <= live rows
            while (store.isGone(row) || chosen.contains(row)) {
                row = (row + 1) % store.size();
            }
            chosen.add(row);
            rows.add(row);
        }
        return rows;
    }

    /** Before a record changes: a ticket's history keeps where its generated part ends. */
    private void changing(RecordStore store, int row) {
        if (store == data.store(SimStream.TICKETS)) {
            data.ticketChanging(row);
        }
    }

    /** After a record changed: a ticket's change is one of its activities. */
    private void changed(RecordStore store, int row, Dataset.TicketEvent.Kind kind) {
        if (store == data.store(SimStream.TICKETS)) {
            data.ticketChanged(row, kind);
        }
    }

    private static int liveRow(RecordStore store, long id) {
        int row = store.rowOf(id);
        if (row < 0 || store.isGone(row)) {
            throw new IllegalArgumentException("no live record with id " + id);
        }
        return row;
    }
}
