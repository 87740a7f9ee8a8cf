package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.freshdeskbigquery.table.CustomFieldsView;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/** The whole list of field definitions is read: the view its custom fields make, for the sink to (re)make. */
@ApplicationScoped
@Named("customFieldsViewOfRun")
public class CustomFieldsViewOfRun implements Processor {

    private static final Logger LOG = Logger.getLogger(CustomFieldsViewOfRun.class);

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        CustomFieldsView view = new CustomFieldsView(run.stream().fieldsOf().orElseThrow().table(), run.customFields());
        if (view.columns().size() < view.fields().size()) {
            LOG.warnf("%s: custom fields named like a column of %s stay in its record only: %s", run.streamName(),
                    view.table().currentTable(), view.fields().stream().filter(f -> !view.columns().contains(f)).toList());
        }
        LOG.infof("%s: %s has a column for each of the %d custom fields: %s", run.streamName(), view.viewName(),
                view.columns().size(), view.columns().stream().map(f -> f.name()).toList());
        exchange.getMessage().setBody(view);
    }
}
