package io.freshdeskbigquery.simulator;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The compact state of one stream: per record only its id, created_at, updated_at (epoch seconds),
 * a version that grows with every update, and a deleted flag: 28 bytes a record. Everything else is
 * rendered on demand from the seed (see {@link RecordRenderer}), which is what lets the simulator
 * hold a million tickets.
 *
 * <p>Rows are append-only and ids grow with the row, so "row order" is "id order". Not thread-safe:
 * the simulator guards it.
 */
final class RecordStore {

    /** Rows must fit in 24 bits: {@link ListQueryEngine} packs the row into the low bits of a sort key. */
    static final int MAX_ROWS = 1 << 24;

    private long[] ids;
    private long[] createdAt;
    private long[] updatedAt;
    private int[] versions;
    private final BitSet deleted = new BitSet();
    private final BitSet spam = new BitSet();
    private int size;
    private long modCount;

    RecordStore(int expectedRows) {
        int capacity = Math.max(16, expectedRows);
        ids = new long[capacity];
        createdAt = new long[capacity];
        updatedAt = new long[capacity];
        versions = new int[capacity];
    }

    int size() {
        return size;
    }

    long id(int row) {
        return ids[row];
    }

    long createdAt(int row) {
        return createdAt[row];
    }

    long updatedAt(int row) {
        return updatedAt[row];
    }

    int version(int row) {
        return versions[row];
    }

    boolean isDeleted(int row) {
        return deleted.get(row);
    }

    boolean isSpam(int row) {
        return spam.get(row);
    }

    /** Out of the normal list: deleted, or marked as spam. */
    boolean isGone(int row) {
        return deleted.get(row) || spam.get(row);
    }

    int liveCount() {
        BitSet gone = (BitSet) deleted.clone();
        gone.or(spam);
        return size - gone.cardinality();
    }

    long lastId() {
        return size == 0 ? 0 : ids[size - 1];
    }

    /** Changes whenever any record changes: the key that invalidates cached list orders. */
    long modCount() {
        return modCount;
    }

    int append(long id, long created, long updated) {
        if (size > 0 && id <= ids[size - 1]) {
            throw new IllegalArgumentException("ids must grow: " + id + " after " + ids[size - 1]);
        }
        if (size == MAX_ROWS) {
            throw new IllegalStateException("a stream holds at most " + MAX_ROWS + " records");
        }
        if (size == ids.length) {
            int capacity = Math.min(MAX_ROWS, ids.length + (ids.length >> 1) + 16);
            ids = Arrays.copyOf(ids, capacity);
            createdAt = Arrays.copyOf(createdAt, capacity);
            updatedAt = Arrays.copyOf(updatedAt, capacity);
            versions = Arrays.copyOf(versions, capacity);
        }
        ids[size] = id;
        createdAt[size] = created;
        updatedAt[size] = updated;
        modCount++;
        return size++;
    }

    /** An update: the record gets a new version (new content) and a new updated_at. */
    void touch(int row, long updated) {
        versions[row]++;
        updatedAt[row] = updated;
        modCount++;
    }

    /** A soft delete, as Freshdesk's trash: the record leaves the normal list and its updated_at moves. */
    void delete(int row, long updated) {
        deleted.set(row);
        updatedAt[row] = updated;
        modCount++;
    }

    /** Marked as spam: the record leaves the normal list (the spam list has it) and its updated_at moves. */
    void markSpam(int row, long updated) {
        spam.set(row);
        updatedAt[row] = updated;
        modCount++;
    }

    /** Back from the trash or the spam folder: in the normal list again, with a new updated_at. */
    void restore(int row, long updated) {
        deleted.clear(row);
        spam.clear(row);
        versions[row]++;
        updatedAt[row] = updated;
        modCount++;
    }

    /** The row holding an id, or -1. */
    int rowOf(long id) {
        int row = Arrays.binarySearch(ids, 0, size, id);
        return row >= 0 ? row : -1;
    }
}
