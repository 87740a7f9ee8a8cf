package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Per stream, what the MERGE must remember between calls: how far the last MERGE reached ({@code merged_through}),
 * how far the writes went ({@code written_through} as the cursor's row said, and this process's own), and the rows
 * this process streamed since. From these a quiet run's merge knows, without a query, that there is nothing to merge.
 */
final class MergeMarks {

    /** Per stream, the newest {@code _loaded_at} the last MERGE reached (read once from {@code _sync_state}). */
    private final Map<String, Optional<Instant>> mergedThrough = new ConcurrentHashMap<>();
    /**
     * Per stream, {@code _sync_state.written_through} as its cursor's row said when the run started (empty: no row);
     * absent: not known.
     */
    private final Map<String, Optional<Instant>> writtenThrough = new ConcurrentHashMap<>();
    /** Per stream, the newest {@code _loaded_at} of the rows this process has tried to stream into its history. */
    private final Map<String, Instant> newestWrite = new ConcurrentHashMap<>();
    /** Per stream, the rows this process streamed since its last MERGE: what the MERGE did not change was already there. */
    private final Map<String, ConcurrentNavigableMap<Instant, Long>> unmergedRows = new ConcurrentHashMap<>();
    /** Streams whose last MERGE mark found no row of theirs in {@code _sync_state} to land in. */
    private final Set<String> mergedThroughUnsaved = ConcurrentHashMap.newKeySet();

    /** How far the stream's last MERGE reached, as read from {@code _sync_state} or since reached by this process. */
    Optional<Instant> mergedThrough(String stream) {
        return mergedThrough.getOrDefault(stream, Optional.empty());
    }

    boolean knowsMergedThrough(String stream) {
        return mergedThrough.containsKey(stream);
    }

    void mergedThroughRead(String stream, Instant through) {
        mergedThrough.put(stream, Optional.ofNullable(through));
    }

    void merged(String stream, Instant through) {
        mergedThrough.put(stream, Optional.of(through));
    }

    /** Whether the last MERGE's mark reached {@code _sync_state} (it cannot before the stream's first cursor commit). */
    void mergedThroughSaved(String stream, boolean saved) {
        if (saved) {
            mergedThroughUnsaved.remove(stream);
        } else {
            mergedThroughUnsaved.add(stream);
        }
    }

    boolean mergedThroughUnsaved(String stream) {
        return mergedThroughUnsaved.contains(stream) && mergedThrough(stream).isPresent();
    }

    /** Rows streamed into the stream's history by this process, loaded at {@code loadedAt} (one batch). */
    void streamed(String stream, Instant loadedAt, long rows) {
        unmergedRows.computeIfAbsent(stream, s -> new ConcurrentSkipListMap<>())
                .merge(loadedAt, rows, Long::sum);
    }

    /**
     * The rows streamed and loaded through {@code through} (the MERGE's reach; null: all), no longer counted; a batch
     * streamed while the MERGE ran, loaded later, is the next MERGE's.
     */
    long takeStreamed(String stream, Instant through) {
        ConcurrentNavigableMap<Instant, Long> batches = unmergedRows.get(stream);
        if (batches == null) {
            return 0;
        }
        Map<Instant, Long> taken = through == null ? batches : batches.headMap(through, true);
        long rows = 0;
        for (var it = taken.entrySet().iterator(); it.hasNext();) {
            rows += it.next().getValue();
            it.remove();
        }
        return rows;
    }

    /**
     * What the stream's row of {@code _sync_state} says of the MERGE, as the {@link BigQuerySql#loadState} SELECT
     * answered it: how far the last MERGE reached (remembered unless this process knows already, from its own MERGEs
     * since: the run's first MERGE then needs no SELECT of its own for it), and how far the committed writes went
     * ({@link #nothingWrittenSinceLastMerge}).
     */
    void stateRowRead(String stream, Object selected) {
        mergedThrough.putIfAbsent(stream,
                Optional.ofNullable(SelectedRows.instant(SelectedRows.single(selected, "merged_through"))));
        Instant written = SelectedRows.instant(SelectedRows.single(selected, "written_through"));
        if (SelectedRows.firstRow(selected) == null || BigQuerySql.BEGINNING.equals(written)) {
            writtenThrough.put(stream, Optional.empty()); // no cursor commit yet, or none after a write
        } else if (written == null) {
            writtenThrough.remove(stream); // a row an older version committed: not known
        } else {
            writtenThrough.put(stream, Optional.of(written));
        }
    }

    /**
     * An insertAll of the stream's rows loaded at {@code loadedAt} is about to be tried: from now on they may be in the
     * history (a request that fails may have been taken in part), so the cursor commits say so and the MERGE looks.
     */
    void writing(String stream, Instant loadedAt) {
        newestWrite.merge(stream, loadedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The newest {@code _loaded_at} this process has tried to stream for the stream ({@link #writing}); null: none. */
    Instant newestWrite(String stream) {
        return newestWrite.get(stream);
    }

    /**
     * Whether the history can hold no row the last MERGE did not reach, known without a query: the cursor's row, as
     * read when the run started, says every process's writes of the stream up to its last cursor commit went no
     * further than {@code merged_through} (or there is no row: no commit, so none that wrote), and this process has
     * tried none past it. Not known (a row an older version committed, without {@code written_through}; no cursor
     * read yet in this process): false, and the MERGE asks the history. Rows a killed process streamed after its
     * last cursor commit are past that commit's cursor: the next run reads those records from Freshdesk again and
     * writes them again, and its MERGE takes both. A look skipped loses nothing: the next MERGE starts at
     * {@code merged_through}, whatever happened since.
     */
    boolean nothingWrittenSinceLastMerge(String stream) {
        Optional<Instant> committed = writtenThrough.get(stream);
        if (committed == null) {
            return false;
        }
        Optional<Instant> reached = mergedThrough(stream);
        Instant tried = newestWrite.get(stream);
        return notPast(committed.orElse(null), reached) && notPast(tried, reached);
    }

    /** Whether rows loaded at {@code written} (null: none) are all within what the last MERGE reached. */
    private static boolean notPast(Instant written, Optional<Instant> reached) {
        return written == null || reached.isPresent() && !written.isAfter(reached.get());
    }
}
