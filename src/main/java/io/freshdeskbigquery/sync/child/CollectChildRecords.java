package io.freshdeskbigquery.sync.child;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.freshdesk.ChildPages;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.freshdesk.PageAsk;
import io.freshdeskbigquery.sync.page.RejectBadRecords;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Every child list of the page is read: the child records become the message body (to be mapped to rows), their bad
 * records the {@value RejectBadRecords#REJECTED} variable (for {@code _rejected}), and the run and the parents' page
 * are what the page route and the cursor see again.
 */
@ApplicationScoped
public class CollectChildRecords implements Processor {

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        ChildPages pages = ReadChildPages.pages(exchange);
        List<RejectedRecord> rejected = new ArrayList<>(pages.bad().size());
        for (ChildPages.BadChild bad : pages.bad()) {
            rejected.add(RejectBadRecords.rejected(run, bad.url(), bad.record()));
        }
        exchange.setVariable(RejectBadRecords.REJECTED, rejected);
        exchange.setProperty(PageAsk.PROPERTY, run);
        exchange.setProperty(FreshdeskPage.PROPERTY, exchange.getVariable(ReadChildPages.PARENT_PAGE));
        run.childListsRead(pages.parentCount(), pages.requests());
        exchange.getMessage().setBody(pages.records());
    }
}
