package io.freshdeskbigquery.sync.child;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.sync.run.KeysetPosition;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Starts reading the child lists of a page's changed parents (the message body): the {@value #CHILD_PAGES} variable
 * holds what is read, the page route is asked for the first parent's first page, and the parents' page is kept aside
 * in {@value #PARENT_PAGE} (the cursor and the next request are decided on it, once every child list is read).
 */
@ApplicationScoped
public class ReadChildPages implements Processor {

    public static final String CHILD_PAGES = "childPages";
    public static final String PARENT_PAGE = "parentPage";

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        @SuppressWarnings("unchecked")
        List<ChildPages.Parent> parents = exchange.getMessage().getBody(List.class);
        KeysetPosition position = run.position();
        if (position.verifying() && parents.stream().anyMatch(parent -> parent.updatedAt().equals(position.pinned()))) {
            position.newRowsAtPinnedSecond();
        }
        ChildPages pages = new ChildPages(run.stream(), parents);
        exchange.setVariable(CHILD_PAGES, pages);
        exchange.setVariable(PARENT_PAGE, exchange.getProperty(FreshdeskPage.PROPERTY));
        if (pages.hasMore()) {
            exchange.setProperty(PageAsk.PROPERTY, pages.ask());
        }
    }

    public static ChildPages pages(Exchange exchange) {
        return exchange.getVariable(CHILD_PAGES, ChildPages.class);
    }
}
