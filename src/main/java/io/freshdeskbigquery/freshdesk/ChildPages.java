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

    private final FreshdeskStream stream;
    private final Deque<Parent> parents;
    private final int parentCount;
    private final List<ObjectNode> records = new ArrayList<>();
    private final List<BadChild> bad = new ArrayList<>();
    private Parent current;
    private int page = 1;
    private int requests;
    private String previousFingerprint;

    public ChildPages(FreshdeskStream stream, List<Parent> parents) {
        if (stream.parent().isEmpty()) {
            throw new IllegalArgumentException(stream + " is not a child stream");
        }
        this.stream = stream;
        this.parents = new ArrayDeque<>(parents);
        this.parentCount = parents.size();
        this.current = this.parents.poll();
    }

    public boolean hasMore() {
        return current != null;
    }

    /** The page to ask next. */
    public PageAsk ask() {
        if (current == null) {
            throw new IllegalStateException("every child list of the page has been read");
        }
        return new Ask(stream, current.id(), page);
    }

    /** Keeps a page of the current parent's child list and moves on: its next page, or the next parent. */
    public void read(FreshdeskPage childPage) {
        requests++;
        records.addAll(childPage.records());
        childPage.bad().forEach(record -> bad.add(new BadChild(childPage.url(), record)));
        boolean more = childPage.hasNext() && !childPage.isEmpty();
        if (more && childPage.fingerprint() != null && childPage.fingerprint().equals(previousFingerprint)) {
            throw new EndlessPagingException(ask().where(childPage.url()) + ": Freshdesk answered the same records as the"
                    + " previous page and still says rel=\"next\"; stopping this run instead of paging forever");
        }
        previousFingerprint = childPage.fingerprint();
        if (more) {
            page++;
        } else {
            current = parents.poll();
            page = 1;
            previousFingerprint = null;
        }
    }

    public List<ObjectNode> records() {
        return records;
    }

    public List<BadChild> bad() {
        return bad;
    }

    /** How many parents' child lists the page had to read. */
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
        public Instant since() {
            return null;
        }

        @Override
        public String where(String url) {
            return "Stream " + stream.streamName() + ", " + stream.listed().streamName() + " " + parentId + ", page "
                    + page + " (" + url + ")";
        }
    }
}
