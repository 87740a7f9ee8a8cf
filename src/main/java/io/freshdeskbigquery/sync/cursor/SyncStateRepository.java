package io.freshdeskbigquery.sync.cursor;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.SyncState;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The sync cursors and the keys already loaded, in memory; the destination's {@code _sync_state} table keeps them
 * (the route reads a stream's state through {@code Sink.LOAD_STATE} and hands it to {@link #begin}, and saves what
 * {@link #snapshot} took when a page was done through {@code Sink.SAVE_STATE}, unless {@link #isSaved} already: with
 * BigQuery each save is a DML job).
 * <ul>
 * <li>A cursor is committed only after the rows up to it were written, with the keys ({@code stream/id@updated_at})
 * loaded at the cursor's own second.</li>
 * <li>As an {@link IdempotentRepository}, it answers the idempotent consumer (and {@code MapPageToRows}): a record
 * re-read at the boundary second (keyset paging asks again from the cursor, inclusive) is recognised and dropped.</li>
 * </ul>
 * Memory stays small: per stream it holds the committed boundary keys plus the keys at the newest second
 * seen in the current run (and, while a second that fills more than a page is paged through, that second's keys
 * and those of the records after it on its last page), and the keys of records dated ahead of the clock (at most
 * {@value #MAX_AHEAD_KEYS}).
 * <p>
 * A record dated more than {@code sync.max-future-skew} past the clock ({@link #aheadFrom}) moves no cursor; its key
 * is kept beside the boundary keys and saved with them until the cursor passes its {@code updated_at}, so the next
 * runs, which ask again from the cursor and meet it again, do not load it again.
 */
@ApplicationScoped
public class SyncStateRepository extends ServiceSupport implements IdempotentRepository {

    /**
     * Keys of records dated ahead of the clock kept (and saved with the cursor) per stream at most; a record beyond
     * them is loaded again when met again (each merge keeps one row of a version).
     */
    static final int MAX_AHEAD_KEYS = 1000;

    private final Map<String, StreamKeys> keys = new ConcurrentHashMap<>();

    /**
     * Starts a run of the stream from its committed state (null: never committed): forgets what an earlier (maybe
     * failed) run held in memory. Returns the cursor to start from.
     */
    public Instant begin(String stream, SyncState state, Instant startDate) {
        StreamKeys streamKeys = new StreamKeys(state == null ? Set.of() : state.boundaryKeys());
        if (state != null) {
            streamKeys.saved(state.cursor(), state.boundaryKeys());
        }
        keys.put(stream, streamKeys);
        return state == null ? startDate : state.cursor();
    }

    /** The key of a record in this repository. */
    public static String key(String stream, String id, String updatedAt) {
        return stream + "/" + id + "@" + updatedAt;
    }

    /**
     * The cursor and the keys loaded at its second as they stand now, to be saved once the rows up to it are written
     * (later pages add keys of later records: the state to save is taken when its page is done).
     */
    public SyncState snapshot(String stream, Instant cursor, String syncRunId) {
        return new SyncState(stream, cursor, streamKeys(stream).at(cursor), syncRunId);
    }

    /** Whether this cursor and these boundary keys are the ones last saved (saving them again would change nothing). */
    public boolean isSaved(SyncState state) {
        return streamKeys(state.stream()).isSaved(state.cursor(), state.boundaryKeys());
    }

    /** The destination keeps this state now. */
    public void committed(SyncState state) {
        StreamKeys held = streamKeys(state.stream());
        held.committed(state.boundaryKeys());
        held.saved(state.cursor(), state.boundaryKeys());
    }

    /**
     * Keeps the keys of this second (which the loader pages through by offset) until the run moves on, and those of
     * the records after it that the loader writes meanwhile: its pages are read once more, and their last page
     * holds such records again.
     */
    public void pin(String stream, Instant second) {
        streamKeys(stream).pin(second);
    }

    /**
     * Records of the stream updated after {@code limit} (this machine's clock plus {@code sync.max-future-skew}) are
     * dated ahead of the clock: their keys are kept apart from the newest second's, and saved with the cursor.
     */
    public void aheadFrom(String stream, Instant limit) {
        streamKeys(stream).aheadFrom(limit);
    }

    /** The pinned second is done: the run goes on by keyset from the newest record written. */
    public void unpin(String stream) {
        streamKeys(stream).unpin();
    }

    @Override
    public boolean add(String key) {
        return keysOf(key).add(key, updatedAtOf(key));
    }

    /** {@link #add(String)} for a record whose {@code updated_at} is already read: true when it was not loaded yet. */
    public boolean add(String stream, long id, Instant updatedAt) {
        return streamKeys(stream).add(key(stream, Long.toString(id),
                updatedAt.toString()), updatedAt);
    }

    @Override
    public boolean contains(String key) {
        return keysOf(key).contains(key);
    }

    @Override
    public boolean remove(String key) {
        return keysOf(key).remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        keys.clear();
    }

    private StreamKeys keysOf(String key) {
        return streamKeys(key.substring(0, key.indexOf('/')));
    }

    /** The stream's keys; none yet for a stream not begun in this process. */
    private StreamKeys streamKeys(String stream) {
        return keys.computeIfAbsent(stream, s -> new StreamKeys(Set.of()));
    }

    private static Instant updatedAtOf(String key) {
        return Instant.parse(key.substring(key.lastIndexOf('@') + 1));
    }

    /** The keys of one stream: the committed boundary, and those at the newest second seen since. */
    private static final class StreamKeys {
        /** The boundary the run started from: an unordered (sweep) run may meet those records at any point of it. */
        private final Set<String> runStart;
        /** The boundary last committed in this run (each commit replaces the one before it). */
        private Set<String> lastCommitted = new HashSet<>();
        /** The cursor and boundary keys last written (or read at the run's start). */
        private Instant savedCursor;
        private Set<String> savedBoundary = Set.of();
        private Instant newest;
        private final Set<String> atNewest = new HashSet<>();
        private Instant pinned;
        private final Set<String> atPinned = new HashSet<>();
        /** Written while a second is pinned, newer than it: at most the records of that second's last page. */
        private final Set<String> pastPinned = new HashSet<>();
        /** Records updated after this are dated ahead of the clock; null: none is. */
        private Instant aheadFrom;
        /** Keys of records dated ahead of the clock loaded in this run (at most {@link #MAX_AHEAD_KEYS}). */
        private final Set<String> ahead = new HashSet<>();

        StreamKeys(Set<String> runStart) {
            this.runStart = new HashSet<>(runStart);
        }

        synchronized void pin(Instant second) {
            if (!second.equals(pinned)) {
                pinned = second;
                atPinned.clear();
                pastPinned.clear();
                if (second.equals(newest)) {
                    atPinned.addAll(atNewest);
                }
            }
        }

        synchronized void aheadFrom(Instant limit) {
            aheadFrom = limit;
        }

        synchronized void unpin() {
            pinned = null;
            atPinned.clear();
            pastPinned.clear();
        }

        synchronized boolean add(String key, Instant updatedAt) {
            if (contains(key)) {
                return false;
            }
            if (aheadFrom != null && updatedAt.isAfter(aheadFrom)) {
                // it moves no cursor: not the newest second's, nor the pinned one's
                if (ahead.size() < MAX_AHEAD_KEYS) {
                    ahead.add(key);
                }
                return true;
            }
            if (updatedAt.equals(pinned)) {
                atPinned.add(key);
            } else if (pinned != null && updatedAt.isAfter(pinned)) {
                pastPinned.add(key);
            }
            if (newest == null || updatedAt.isAfter(newest)) {
                newest = updatedAt;
                atNewest.clear();
            }
            if (updatedAt.equals(newest)) {
                atNewest.add(key);
            }
            return true;
        }

        synchronized boolean contains(String key) {
            return runStart.contains(key) || lastCommitted.contains(key) || atNewest.contains(key)
                    || atPinned.contains(key) || pastPinned.contains(key)
                    || ahead.contains(key);
        }

        synchronized boolean remove(String key) {
            return atNewest.remove(key) | runStart.remove(key) | lastCommitted.remove(key) | atPinned.remove(key)
                    | pastPinned.remove(key) | ahead.remove(key);
        }

        synchronized void saved(Instant cursor, Set<String> boundary) {
            savedCursor = cursor;
            savedBoundary = Set.copyOf(boundary);
        }

        synchronized boolean isSaved(Instant cursor, Set<String> boundary) {
            return cursor.equals(savedCursor) && savedBoundary.equals(boundary);
        }

        synchronized Set<String> at(Instant cursor) {
            Set<String> boundary = new HashSet<>();
            // besides the keys at the cursor's second, those of records dated ahead of the clock (which alone lie past
            // a cursor in these sets), kept until the cursor reaches them
            int aheadKept = 0;
            for (Set<String> held : List.of(runStart, lastCommitted, ahead)) {
                for (String key : held) {
                    Instant updatedAt = updatedAtOf(key);
                    if (updatedAt.equals(cursor)) {
                        boundary.add(key);
                    } else if (updatedAt.isAfter(cursor) && aheadKept < MAX_AHEAD_KEYS && boundary.add(key)) {
                        aheadKept++;
                    }
                }
            }
            if (cursor.equals(newest)) {
                boundary.addAll(atNewest);
            }
            if (cursor.equals(pinned)) {
                boundary.addAll(atPinned);
            }
            return boundary;
        }

        synchronized void committed(Set<String> boundary) {
            // the boundaries committed before this one lie at earlier seconds, which the next page (from this cursor
            // on) no longer reaches; keeping them all made a set that grew with the run, and every snapshot read it
            // whole (a backfill's paging loop spent a tenth of its time there)
            lastCommitted = new HashSet<>(boundary);
        }
    }

    @Override
    protected void doStart() {
        // state lives in the destination
    }

    @Override
    protected void doStop() {
        // state lives in the destination
    }
}
