package io.freshdeskbigquery.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which rows a list request matches, in which order, and which of them form the asked page.
 *
 * <p>Rules, per stream:
 * <ul>
 * <li>tickets: {@code updated_since} keeps updated_at &gt;= the value (inclusive); without it only
 * tickets created in the 30 days before the simulator's now come back, as on the real API. Order
 * by {@code order_by} ({@code created_at} by default) and {@code order_type} ({@code desc} by
 * default). {@code filter=deleted} lists deleted tickets instead of live ones, {@code filter=spam} the tickets
 * marked as spam; neither is in the normal list.</li>
 * <li>contacts: {@code _updated_since} inclusive, ordered by updated_at ascending. The real order
 * is not documented; updated_at ascending is the order an incremental reader wants to reason about
 * and makes a record updated mid-read move to the end, as it does on the tickets list.
 * {@code state=deleted} lists deleted contacts.</li>
 * <li>satisfaction ratings: {@code created_since} keeps created_at &gt;= the value; without it, the last 30 days
 * (as on the real API); by id, which is creation order.</li>
 * <li>companies, agents, groups, roles, time entries and the account's settings: everything live, by id
 * ascending.</li>
 * </ul>
 * Ties are always broken by id ascending, so paging a list that does not change is stable.
 *
 * <p>A sorted match list is kept for the last few distinct queries until the stream changes, so
 * reading a million-ticket list page by page does not sort it again for every page.
 */
final class ListQueryEngine {

    static final Duration DEFAULT_TICKET_WINDOW = Duration.ofDays(30);

    private static final int ROW_BITS = 24;
    private static final long MAX_SORT_VALUE = (1L << (63 - ROW_BITS)) - 1;
    private static final int CACHED_QUERIES = 8;

    /** What decides the match list; page and per_page do not. */
    private record Key(SimStream stream, String filter, Long updatedSince, long createdFloor, String orderBy,
            boolean ascending, long modCount) {
    }

    /** One page of a list: its rows and whether rows follow it. */
    record Page(int[] rows, boolean hasNext) {
    }

    private final Dataset data;
    private final RecordRenderer renderer;
    private final Map<Key, int[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, int[]> eldest) {
            return size() > CACHED_QUERIES;
        }
    };

    ListQueryEngine(Dataset data, RecordRenderer renderer) {
        this.data = data;
        this.renderer = renderer;
    }

    Page page(ListQuery query) {
        if (query.updatedSince() != null && query.orderBy().equals("updated_at") && query.ascending()) {
            return keysetPage(query);
        }
        return slice(matchingRows(query), 0, query);
    }

    /** The query's page of the list, the list starting at {@code start}. */
    private static Page slice(int[] rows, int start, ListQuery query) {
        long from = start + (long) (query.page() - 1) * query.perPage();
        if (from >= rows.length) {
            return new Page(new int[0], false);
        }
        int to = (int) Math.min(rows.length, from + query.perPage());
        return new Page(Arrays.copyOfRange(rows, (int) from, to), to < rows.length);
    }

    /**
     * The loader's query, {@code updated_since} ordered by {@code updated_at} ascending, answered from the list of all
     * its rows in that order (sorted once per change of the data), from the first one updated since: a keyset walk
     * over a million tickets asks a new {@code updated_since} for every page and must not sort the list each time.
     */
    private Page keysetPage(ListQuery query) {
        RecordStore store = data.store(query.stream());
        long createdFloor = createdFloor(query);
        Key key = new Key(query.stream(), query.filter(), null, createdFloor, "updated_at", true, store.modCount());
        int[] all = cache.get(key);
        if (all == null) {
            all = sorted(store, filtered(store, query, createdFloor, Long.MIN_VALUE), query);
            cache.put(key, all);
        }
        // the first row updated at or after updated_since (updated_at ascends along the list)
        int low = 0;
        int high = all.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.updatedAt(all[middle]) < query.updatedSince()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return slice(all, low, query);
    }

    int[] matchingRows(ListQuery query) {
        RecordStore store = data.store(query.stream());
        long createdFloor = createdFloor(query);
        Key key = new Key(query.stream(), query.filter(), query.updatedSince(), createdFloor, query.orderBy(),
                query.ascending(), store.modCount());
        int[] rows = cache.get(key);
        if (rows == null) {
            rows = sorted(store, filtered(store, query, createdFloor,
                    query.updatedSince() == null ? Long.MIN_VALUE : query.updatedSince()), query);
            cache.put(key, rows);
        }
        return rows;
    }

    private long createdFloor(ListQuery query) {
        return query.stream() == SimStream.TICKETS && query.updatedSince() == null
                ? data.now().minus(DEFAULT_TICKET_WINDOW).getEpochSecond()
                : query.stream() == SimStream.SATISFACTION_RATINGS
                        ? (query.createdSince() != null
                                ? query.createdSince()
                                : data.now().minus(DEFAULT_TICKET_WINDOW).getEpochSecond())
                        : Long.MIN_VALUE;
    }

    private int[] filtered(RecordStore store, ListQuery query, long createdFloor, long since) {
        boolean wantDeleted = "deleted".equals(query.filter());
        boolean wantSpam = "spam".equals(query.filter());
        int[] rows = new int[store.size()];
        int count = 0;
        for (int row = 0; row < store.size(); row++) {
            if (store.isDeleted(row) == wantDeleted && store.isSpam(row) == wantSpam && store.updatedAt(row) >= since
                    && store.createdAt(row) >= createdFloor) {
                rows[count++] = row;
            }
        }
        return Arrays.copyOf(rows, count);
    }

    /**
     * Sorts by packing (sort value, row) into one long: the value in the high bits (inverted for
     * descending), the row in the low 24 bits. Rows grow with ids, so equal values fall back to id
     * ascending, and a primitive sort of a million longs takes milliseconds.
     */
    private int[] sorted(RecordStore store, int[] rows, ListQuery query) {
        if (query.orderBy().equals("id")) {
            return rows; // already in row order, which is id order
        }
        long[] keys = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            long value = sortValue(store, rows[i], query.orderBy());
            if (value < 0 || value > MAX_SORT_VALUE) {
                throw new IllegalStateException("sort value out of range: " + value);
            }
            keys[i] = ((query.ascending() ? value : MAX_SORT_VALUE - value) << ROW_BITS) | rows[i];
        }
        Arrays.sort(keys);
        int[] sorted = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            sorted[i] = (int) (keys[i] & ((1L << ROW_BITS) - 1));
        }
        return sorted;
    }

    private long sortValue(RecordStore store, int row, String orderBy) {
        return switch (orderBy) {
            case "created_at" -> store.createdAt(row);
            case "updated_at" -> store.updatedAt(row);
            case "due_by" -> renderer.ticketDueBy(row);
            case "status" -> renderer.ticketStatus(row);
            default -> throw new IllegalArgumentException("unknown order_by " + orderBy);
        };
    }
}
