package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.freshdesk.PageRequest;
import org.apache.camel.Exchange;

/**
 * A page fetched ahead ({@code sync.fetch-ahead}): the request the paging loop will make next, known from the page just
 * read ({@link PlanNextPage#knownFromPage}), sent through the page route on a thread of its own
 * ({@value StreamSyncRoutes#FETCH_AHEAD}) while the loop turns that page into rows. The loop's next turn takes the answer
 * when it asks for that very request ({@link TakePageFetchedAhead}), and otherwise fetches as always; so what it reads is
 * always the answer to the request it makes, only asked for a few milliseconds sooner.
 *
 * @param ask    the page asked for, fixed when it was planned
 * @param answer completed with the page route's exchange once it answered, or failed (its exception in
 *               {@link Exchange#EXCEPTION_CAUGHT}), by {@code pageAheadAnswered}
 */
record PageAhead(Ask ask, CompletableFuture<Exchange> answer) {

    /** Exchange property: the page to fetch ahead, from the loop to its wire tap. */
    static final String PROPERTY = "freshdeskPageAhead";

    PageAhead(Ask ask) {
        this(ask, new CompletableFuture<>());
    }

    /** Whether {@code asked} is the same request as the one fetched ahead: same list, same query, same page. */
    boolean answers(PageAsk asked) {
        return ask.path().equals(asked.path()) && PageRequest.query(ask).equals(PageRequest.query(asked));
    }

    /** What the page route reads of a page fetched ahead: the stream's run as it will stand at that page. */
    record Ask(FreshdeskStream stream, Instant since, int page, int pageOfRun) implements PageAsk {
    }
}
