package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * An export file larger than {@code freshdesk.export.max-file-bytes}, refused while it was read: the run fails at once
 * (a day's file cannot be asked for in smaller pieces), naming the key that lets it be read.
 */
@ApplicationScoped
public class ExportFileTooLarge implements Processor {

    @Override
    public void process(Exchange exchange) {
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        throw new TooLarge("Stream " + run.streamName() + ", " + day.label() + ", "
                + exchange.getProperty(AskExportFile.SHOWN, String.class) + ": " + caught.getMessage()
                + "; raise " + ExportFileClient.MAX_FILE_BYTES + " (and the heap: the file is held whole) to read it");
    }

    /** Not retried: the same file would be too large again. */
    public static class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message);
        }
    }
}
