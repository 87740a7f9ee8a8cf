package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Notices a list that pages on without getting anywhere, while Freshdesk (or something in front of it) keeps saying
 * {@code rel="next"}:
 * <ul>
 * <li>a page whose records (every {@code id@updated_at}, in order) are those of any earlier page of the same read: two
 * pages served alternately, or a cycle of them. Each page read leaves an 8-byte hash, for the last
 * {@value #MAX_FINGERPRINTS} pages (80 KB);</li>
 * <li>{@value #STALLED_PAGES} pages in a row of which more than half the records were on the {@value #WINDOW_PAGES}
 * pages before: a window that moves by a record or two a page (page k holds records k..k+99), which keyset paging
 * itself would follow for ever. On an honest list two pages in a row cannot both be mostly repeats: a keyset step
 * repeats only the records of the previous page's newest second, and those were new on that page; offset paging
 * repeats a record only when an update shifts the list.</li>
 * </ul>
 * A read that goes over the same pages again on purpose (the loader's second pass over a second it paged by offset)
 * starts afresh ({@link #reset}).
 */
public final class PagingProgress {

    /** Pages whose hashes are kept: an earlier page than these is no longer recognised. */
    static final int MAX_FINGERPRINTS = 10_000;
    /** Pages whose records a page is compared with. */
    static final int WINDOW_PAGES = 10;
    /** Pages in a row, each mostly records of the pages before it, that stop the read. */
    static final int STALLED_PAGES = 10;

    private long[] fingerprints = new long[0];
    private int[] pageNumbers = new int[0];
    /** Hashes kept (at most MAX_FINGERPRINTS), and where the next one goes once the ring is full. */
    private int kept;
    private int next;
    private int previousPage = -1;
    /** The record keys of the last WINDOW_PAGES pages, page by page, and how many of those pages hold each. */
    private final Deque<long[]> window = new ArrayDeque<>();
    private final Map<Long, Integer> inWindow = new HashMap<>();
    private int stalled;
    private long stalledRepeats;
    private long stalledRecords;

    /** Forgets every page read so far: the next pages may repeat them. */
    public void reset() {
        kept = 0;
        next = 0;
        previousPage = -1;
        window.clear();
        inWindow.clear();
        stalled = 0;
        stalledRepeats = 0;
        stalledRecords = 0;
    }

    /**
     * Notes a page that says {@code rel="next"}, the {@code pageNumber}-th of the read, and stops the read when it
     * repeats an earlier page or the read has stalled; {@code where} names the page ({@link PageAsk#where}).
     *
     * @throws EndlessPagingException naming the page and what it repeats
     */
    public void check(FreshdeskPage page, int pageNumber, String where) {
        int count = page.records().size();
        if (count == 0) {
            return;
        }
        long[] keys = new long[count];
        long fingerprint = count;
        for (int i = 0; i < count; i++) {
            keys[i] = key(FreshdeskRecords.id(page.records().get(i)), page.updatedAt(i));
            fingerprint = mix(fingerprint * 31 + keys[i]);
        }
        int earlier = pageWith(fingerprint);
        if (earlier >= 0) {
            throw new EndlessPagingException(where + ": Freshdesk answered the same records as "
                    + (earlier == previousPage ? "the previous page" : "page " + earlier + " of this read") + " ("
                    + count + " records) and still says rel=\"next\"; stopping this run instead of paging forever");
        }
        keep(fingerprint, pageNumber);
        int repeats = 0;
        for (long key : keys) {
            if (inWindow.containsKey(key)) {
                repeats++;
            }
        }
        if (repeats * 2 > count) {
            stalled++;
            stalledRepeats += repeats;
            stalledRecords += count;
        } else {
            stalled = 0;
            stalledRepeats = 0;
            stalledRecords = 0;
        }
        slide(keys);
        if (stalled >= STALLED_PAGES) {
            throw new EndlessPagingException(where + ": the read makes no progress: the last " + stalled + " pages each"
                    + " held mostly records of the " + WINDOW_PAGES + " pages before them (" + stalledRepeats + " of "
                    + stalledRecords + " records seen again) and Freshdesk still says rel=\"next\"; stopping this run"
                    + " instead of paging forever");
        }
    }

    /** The number of the kept page with this hash, or -1. */
    private int pageWith(long fingerprint) {
        for (int i = 0; i < kept; i++) {
            if (fingerprints[i] == fingerprint) {
                return pageNumbers[i];
            }
        }
        return -1;
    }

    private void keep(long fingerprint, int pageNumber) {
        if (kept < MAX_FINGERPRINTS) {
            if (kept == fingerprints.length) {
                int size = Math.min(MAX_FINGERPRINTS, Math.max(64, kept * 2));
                fingerprints = Arrays.copyOf(fingerprints, size);
                pageNumbers = Arrays.copyOf(pageNumbers, size);
            }
            fingerprints[kept] = fingerprint;
            pageNumbers[kept] = pageNumber;
            kept++;
        } else {
            fingerprints[next] = fingerprint;
            pageNumbers[next] = pageNumber;
            next = (next + 1) % MAX_FINGERPRINTS;
        }
        previousPage = pageNumber;
    }

    private void slide(long[] keys) {
        window.addLast(keys);
        for (long key : keys) {
            inWindow.merge(key, 1, Integer::sum);
        }
        if (window.size() > WINDOW_PAGES) {
            for (long key : window.removeFirst()) {
                inWindow.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** One version of one record, as 64 bits. */
    private static long key(Long id, Instant updatedAt) {
        return mix(mix(id == null ? 0 : id) * 31 + updatedAt.getEpochSecond() * 1_000_000_007L + updatedAt.getNano());
    }

    /** SplitMix64's finalizer: spreads the bits of a value over all 64. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
