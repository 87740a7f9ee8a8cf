package io.freshdeskbigquery.freshdesk;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares the GET of the next file of a day's export: its link, checked ({@link ExportFileClient#check}), is the whole
 * request. No header of the loader's own goes with it, the API key least of all: the link carries its own signature,
 * and lies on another host than Freshdesk's API.
 */
@ApplicationScoped
public class AskExportFile implements Processor {

    /** Exchange property: the file's link without its query, for messages. */
    public static final String SHOWN = "freshdeskExportFileShown";

    @Inject
    ExportFileClient files;

    @Override
    public void process(Exchange exchange) throws Exception {
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        String link = day.nextLink();
        URI uri;
        try {
            uri = files.check(link);
        } catch (ExportFileClient.ExportLinkRefused e) {
            PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
            throw new ExportFileClient.ExportLinkRefused(
                    "Stream " + run.streamName() + ", " + day.label() + ", " + day.fileLabel() + ": "
                            + e.getMessage());
        }
        exchange.setProperty(SHOWN, day.fileLabel() + " (" + ExportFileClient.shown(uri) + ")");
        var message = exchange.getMessage();
        // nothing of the export request goes out again: no Authorization, no Accept, no path or query of its own
        message.removeHeaders("*", "Camel*");
        message.removeHeaders("CamelHttp*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
        message.setHeader(Exchange.HTTP_URI, uri.toString());
    }
}
