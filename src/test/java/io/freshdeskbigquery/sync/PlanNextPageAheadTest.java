package io.freshdeskbigquery.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page fetched ahead is the page the loop asks next: wherever {@link PlanNextPage#knownFromPage} names a page, the
 * plan made after the page's rows ({@link PlanNextPage#process}) asks exactly that request; where the plan depends on
 * more than the page, nothing is fetched ahead.
 */
class PlanNextPageAheadTest {

    private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final PlanNextPage plan = new PlanNextPage();

    @Test
    void theKeysetStepOfAnOrderedListIsKnownFromThePageAndIsTheRequestThePlanMakes() {
        StreamRun run = new StreamRun(FreshdeskStream.TICKETS, "run-1", START);
        FreshdeskPage page = page(List.of(1, 2, 3, 50, 50), true);

        PageAhead.Ask ahead = PlanNextPage.knownFromPage(run, page);
        assertThat(ahead).isNotNull();
        assertThat(PageRequest.query(ahead)).contains("updated_since=" + T0.plusSeconds(50)).endsWith("&page=1");

        assertThat(plannedAfter(run, page, ahead)).as("the loop's next request is the one fetched ahead").isTrue();
        assertThat(run.pageOfRun()).isEqualTo(ahead.pageOfRun()).isEqualTo(2);
    }

    @Test
    void theNextPageOfAListReadWholeIsKnownFromThePage() {
        StreamRun run = new StreamRun(FreshdeskStream.COMPANIES, "run-1", START);
        run.nextPage();
        FreshdeskPage page = page(List.of(7, 3, 9), true);

        PageAhead.Ask ahead = PlanNextPage.knownFromPage(run, page);
        assertThat(ahead).isNotNull();
        assertThat(PageRequest.query(ahead)).endsWith("&page=3");
        assertThat(plannedAfter(run, page, ahead)).isTrue();
    }

    @Test
    void aStepTheRowsOrMoreThanThePageDecideIsNotFetchedAhead() {
        // the last page: nothing follows
        assertThat(PlanNextPage.knownFromPage(run(), page(List.of(1, 2), false))).isNull();
        // an empty page
        assertThat(PlanNextPage.knownFromPage(run(), page(List.of(), true))).isNull();
        // one second fills the whole page: paged by offset within it, and its pages may be read again
        List<Integer> oneSecond = new ArrayList<>();
        for (int i = 0; i < PageRequest.PER_PAGE; i++) {
            oneSecond.add(5);
        }
        assertThat(PlanNextPage.knownFromPage(run(), page(oneSecond, true))).isNull();
        // a page out of updated_at order: the run turns to offset paging
        assertThat(PlanNextPage.knownFromPage(run(), page(List.of(3, 1, 2), true))).isNull();
        // a second being paged through (and perhaps read again): the rows decide
        StreamRun pinned = run();
        pinned.pin(T0.plusSeconds(5));
        assertThat(PlanNextPage.knownFromPage(pinned, page(List.of(5, 5, 6), true))).isNull();
        // a page that does not reach past the query's updated_since
        StreamRun atTheSecond = run();
        atTheSecond.restartFrom(T0.plusSeconds(5), 1);
        assertThat(PlanNextPage.knownFromPage(atTheSecond, page(List.of(5, 5), true))).isNull();
        // a page that repeats the one before: the plan stops the run there
        StreamRun companies = new StreamRun(FreshdeskStream.COMPANIES, "run-1", START);
        FreshdeskPage same = page(List.of(1), true);
        plannedAfter(companies, same, PlanNextPage.knownFromPage(companies, same));
        assertThat(PlanNextPage.knownFromPage(companies, same)).isNull();
        // a child stream: its parents' next page waits while their child lists are read
        StreamRun conversations = new StreamRun(FreshdeskStream.CONVERSATIONS, "run-1", START);
        assertThat(PlanNextPage.knownFromPage(conversations, page(List.of(1, 2, 3), true))).isNull();
    }

    private static StreamRun run() {
        return new StreamRun(FreshdeskStream.TICKETS, "run-1", START);
    }

    /** Plans the page after {@code page} as the loop does, and says whether the run then asks for {@code ahead}. */
    private boolean plannedAfter(StreamRun run, FreshdeskPage page, PageAhead.Ask ahead) {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        exchange.setProperty(StreamRun.PROPERTY, run);
        exchange.setProperty(FreshdeskPage.PROPERTY, page);
        plan.process(exchange);
        return new PageAhead(ahead).answers(run);
    }

    /** A page of tickets updated at T0 plus the given seconds, ids from 1, with or without {@code rel="next"}. */
    private static FreshdeskPage page(List<Integer> seconds, boolean hasNext) {
        List<ObjectNode> records = new ArrayList<>();
        List<Instant> updatedAts = new ArrayList<>();
        Instant newest = null;
        int atNewest = 0;
        boolean ordered = true;
        for (int i = 0; i < seconds.size(); i++) {
            Instant updatedAt = T0.plusSeconds(seconds.get(i));
            records.add(JsonNodeFactory.instance.objectNode().put("id", i + 1).put("updated_at", updatedAt.toString()));
            updatedAts.add(updatedAt);
            ordered &= newest == null || !updatedAt.isBefore(newest);
            if (newest == null || updatedAt.isAfter(newest)) {
                newest = updatedAt;
                atNewest = 1;
            } else if (updatedAt.equals(newest)) {
                atNewest++;
            }
        }
        return new FreshdeskPage("u", records, List.of(), hasNext, ordered, newest, atNewest,
                records.size() + "@" + seconds, null, updatedAts);
    }
}
