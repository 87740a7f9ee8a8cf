package io.freshdeskbigquery.sync.child;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PageAsk;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Keeps the child page just fetched and asks the page route for the next one (its next page, or the next parent's). */
@ApplicationScoped
public class TakeChildPage implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChildPages pages = ReadChildPages.pages(exchange);
        pages.read(exchange.getProperty(FreshdeskPage.PROPERTY, FreshdeskPage.class));
        if (pages.hasMore()) {
            exchange.setProperty(PageAsk.PROPERTY, pages.ask());
        }
    }
}
