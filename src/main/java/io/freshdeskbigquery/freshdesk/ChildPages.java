package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The child lists of one page of parents (the conversations of a page of changed tickets), read one page at a time:
 * which page to ask next ({@link #ask()}), and the child records and bad records read so far. Every parent's list is
 * read to its last page ({@code Link rel="next"}) before the next parent's.
 */
public final class ChildPages {

    /** A parent whose child list is to be read: its id and the {@code updated_at} that made it changed. */
    public record Parent(long id, Instant updatedAt) {
    }

    /** A bad child record with the URL of its page. */
    public record BadChild(String url, FreshdeskPage.BadRecord record) {
    }

    /** The child lists from the top down: a grandchild stream (solution articles) reads its parents' lists first. */
    private final List<FreshdeskStream> levels;
    /** What is left to read: a parent and the level of the list to read of it, deepest first. */
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final int parentCount;
    private final List<ObjectNode> records = new ArrayList<>();
    private final List<BadChild> bad = new ArrayList<>();
    private Pending current;
    private int page = 1;
    private int requests;
    /** What the current child list's pages held: a page that repeats one of them, or a list that stalls, stops the run. */
    private final PagingProgress progress = new PagingProgress();

    private record Pending(int level, long parentId) {
    }

    public ChildPages(FreshdeskStream stream, List<Parent> parents) {
        if (stream.parent().isEmpty()) {
            throw new IllegalArgumentException(stream + " is not a child stream");
        }
        List<FreshdeskStream> chain = new ArrayList<>();
        for (FreshdeskStream level = stream; level.parent().isPresent(); level = level.parent().get()) {
            chain.add(0, level);
        }
        this.levels = List.copyOf(chain);
        parents.forEach(parent -> pending.addLast(new Pending(0, parent.id())));
        this.parentCount = parents.size();
        this.current = pending.poll();
    }

    public boolean hasMore() {
        return current != null;
    }

    /** The page to ask next. */
    public PageAsk ask() {
        if (current == null) {
            throw new IllegalStateException("every child list of the page has been read");
        }
        return new Ask(levels.get(current.level()), current.parentId(), page);
    }

    /**
     * Keeps a page of the current child list and moves on: its next page, or the next list. The records of a list
     * above the last level are parents themselves: their lists are read next.
     */
    public void read(FreshdeskPage childPage) {
        requests++;
        boolean more = childPage.hasNext() && !childPage.isEmpty();
        if (more) {
            // a page that repeats one of this list's, or a list whose pages bring almost nothing new: the run stops
            progress.check(childPage, page, ask().where(childPage.url()));
        }
        if (current.level() == levels.size() - 1) {
            records.addAll(childPage.records());
        } else {
            // their lists are read after the rest of this list, before the lists queued earlier (deepest first)
            for (ObjectNode parentBelow : childPage.records()) {
                pendingBelow.addLast(new Pending(current.level() + 1, FreshdeskRecords.id(parentBelow)));
            }
        }
        childPage.bad()
                .forEach(
                        record -> bad.add(new BadChild(record.url() != null ? record.url() : childPage.url(), record)));
        if (more) {
            page++;
        } else {
            while (!pendingBelow.isEmpty()) {
                pending.addFirst(pendingBelow.pollLast());
            }
            current = pending.poll();
            page = 1;
            progress.reset();
        }
    }

    /** The parents found on the pages of the current list, queued once the list is done. */
    private final Deque<Pending> pendingBelow = new ArrayDeque<>();

    public List<ObjectNode> records() {
        return records;
    }

    public List<BadChild> bad() {
        return bad;
    }

    /** How many parents of the listed page had their child lists read. */
    public int parentCount() {
        return parentCount;
    }

    /** How many child pages were read. */
    public int requests() {
        return requests;
    }

    /** One page of one parent's child list: {@code tickets/{id}/conversations?per_page=100&page=N}. */
    record Ask(FreshdeskStream stream, long parentId, int page) implements PageAsk {

        /** The child list itself: no filter, no order, only the account's budget. */
        @Override
        public FreshdeskStream listed() {
            return stream;
        }

        @Override
        public String path() {
            return stream.path(parentId);
        }

        @Override
        public boolean keepsRecordTexts() {
            return false;
        }

        @Override
        public Instant since() {
            return null;
        }

        @Override
        public String where(String url) {
            return "Stream " + stream.streamName() + ", " + stream.parent().orElseThrow().streamName() + " " + parentId
                    + ", page " + page + " (" + url + ")";
        }
    }
}
