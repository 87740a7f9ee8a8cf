package io.freshdeskbigquery.sync.wholelist;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.table.CustomField;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Keeps the custom fields a page of field definitions defines, changed or not: the view needs the whole list. */
@ApplicationScoped
public class KeepCustomFields implements Processor {

    @Override
    public void process(Exchange exchange) {
        FreshdeskPage page = RunExchange.page(exchange);
        RunExchange.run(exchange)
                .customFieldsRead(page.records()
                        .stream()
                        .map(CustomField::of)
                        .flatMap(Optional::stream)
                        .toList());
    }
}
