package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * An export file's bytes, checked whole ({@link ActivityExportFile#read}), join the day's files. A file whose
 * {@code metadata.activities_count} differs from the activities it holds is loaded as it is, with a warning.
 */
@ApplicationScoped
public class ReadExportFile implements Processor {

    private static final Logger LOG = Logger.getLogger(ReadExportFile.class);

    @Inject
    FreshdeskConfig config;

    @Override
    public void process(Exchange exchange) {
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        String where = "Stream " + run.streamName() + ", " + day.label() + ", "
                + exchange.getProperty(AskExportFile.SHOWN, String.class);
        ActivityExportFile file = ActivityExportFile.read(exchange.getMessage().getBody(byte[].class),
                config.export().maxFileBytes(), where);
        if (file.declaredCount() != null && file.declaredCount() != file.size()) {
            LOG.warnf("%s: its metadata says %d activities, it holds %d; those it holds are loaded", where,
                    file.declaredCount(), file.size());
        }
        day.fileRead(file);
        exchange.getMessage().setBody(null);
    }
}
