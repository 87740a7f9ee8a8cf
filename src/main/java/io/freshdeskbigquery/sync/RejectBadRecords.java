package io.freshdeskbigquery.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.freshdesk.FreshdeskPage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Keeps the records of a page that cannot be loaded (no {@code id}, no {@code updated_at}, not an object) in
 * the {@code _rejected} table, before the page's good records are written and the cursor moves past them.
 */
@ApplicationScoped
@Named("rejectBadRecords")
public class RejectBadRecords implements Processor {

    private static final Logger LOG = Logger.getLogger(RejectBadRecords.class);

    @Inject
    Destination destination;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = StreamSyncRoutes.run(exchange);
        FreshdeskPage page = StreamSyncRoutes.page(exchange);
        for (FreshdeskPage.BadRecord bad : page.bad()) {
            destination.reject(new RejectedRecord(run.streamName(), page.url(), bad.reason(), bad.raw(), run.runId()));
            LOG.warnf("%s: page %d: a record was rejected (%s) and kept in _rejected: %s", run.streamName(),
                    run.page(), bad.reason(), LogText.abbreviate(bad.raw(), 120));
        }
    }
}
