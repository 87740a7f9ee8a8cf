package io.freshdeskbigquery.freshdesk;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prepares the GET of a day's ticket activity export, {@code export/ticket_activities?created_at=<day>}, with Basic
 * auth as a page's request (the same request as {@link PreparePageRequest} makes): the day
 * ({@link ActivityExportDay#DATE}) gets a fresh {@link ActivityExportDay}.
 */
@ApplicationScoped
public class AskActivityExport implements Processor {

    private final PreparePageRequest pageRequest;

    @Inject
    public AskActivityExport(PreparePageRequest pageRequest) {
        this.pageRequest = pageRequest;
    }

    @Override
    public void process(Exchange exchange) {
        LocalDate day = exchange.getProperty(ActivityExportDay.DATE, LocalDate.class);
        exchange.setProperty(ActivityExportDay.PROPERTY, new ActivityExportDay(day));
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        pageRequest.prepareGet(exchange, run.path(), "created_at=" + day);
    }
}
