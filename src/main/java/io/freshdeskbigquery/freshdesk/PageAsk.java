package io.freshdeskbigquery.freshdesk;

import java.time.Instant;

/**
 * Which page the page route ({@code direct:freshdesk-page}) fetches: the caller puts it in the exchange property
 * {@value #PROPERTY}. The API side reads nothing else of the caller's state.
 */
public interface PageAsk {

    String PROPERTY = "freshdeskPageAsk";

    FreshdeskStream stream();

    /**
     * The list endpoint asked: its filter, order and per-minute limit. A child stream's run pages through its
     * parent's list; one parent's child list is a {@link ChildPages} ask.
     */
    default FreshdeskStream listed() {
        return stream().listed();
    }

    /**
     * Whether the page's records become rows as they are, so the text each came in is worth keeping (a child stream's
     * run reads its parent's list for the parents alone, and a child list's records are mapped from their tree).
     */
    default boolean keepsRecordTexts() {
        return listed() == stream();
    }

    /** The path under the API base URL. */
    default String path() {
        return listed().path();
    }

    /** The stream's name, for messages, metrics and the per-list throttle. */
    default String streamName() {
        return stream().streamName();
    }

    /** The page of the query, from 1. */
    int page();

    /** The incremental filter's value ({@code updated_since}), for streams that have one. */
    Instant since();

    /**
     * The page of the whole read, from 1: the query's page, unless one read asks several queries (a stream's run under
     * keyset paging asks page 1 of a newer {@code updated_since} at each step).
     */
    default int pageOfRun() {
        return page();
    }

    /** How messages name the page being read: {@code page 3}. */
    default String pageLabel() {
        return "page " + pageOfRun();
    }

    /** How messages name this page: {@code Stream tickets, page 3 (<url>)}; the URL says the query. */
    default String where(String url) {
        return "Stream " + streamName() + ", page " + pageOfRun() + " (" + url + ")";
    }
}
