package io.freshdeskbigquery.freshdesk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.LogText;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The links of a day's export, from Freshdesk's answer: {@code {"export": {"url": ...}}} or a list,
 * {@code {"export": [{"created_at": ..., "url": ...}, ...]}}, each link a file of the day. An answer without a link
 * ({@code {"export": {}}}) means the export is not there yet; one whose entries have no link is said so in a warning
 * (their keys, never a link: a link is signed).
 */
@ApplicationScoped
public class ReadExportLinks implements Processor {

    private static final Logger LOG = Logger.getLogger(ReadExportLinks.class);

    @Inject
    ObjectMapper json;

    @Override
    public void process(Exchange exchange) {
        ActivityExportDay day = exchange.getProperty(ActivityExportDay.PROPERTY, ActivityExportDay.class);
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        JsonNode answer;
        try {
            answer = json.readTree(exchange.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            throw new FreshdeskPageException("Stream " + run.streamName() + ", " + day.label() + ": Freshdesk's answer"
                    + " is not JSON: " + LogText.abbreviate(String.valueOf(e.getMessage()), 200),
                    e);
        }
        JsonNode export = answer == null ? null : answer.get("export");
        List<String> links = links(export);
        if (!links.isEmpty()) {
            day.ready(links, "HTTP 200, " + links.size() + (links.size() == 1 ? " file" : " files"));
            return;
        }
        boolean empty = export == null || export.isNull() || export.isEmpty();
        if (!empty) {
            LOG.warnf("%s: %s: Freshdesk's answer has no link to a file (%s); taken as not ready yet",
                    run.streamName(), day.label(), shape(export));
        }
        day.notReady(empty ? "HTTP 200 without a link" : "HTTP 200 with no link in " + shape(export));
    }

    static List<String> links(JsonNode export) {
        List<String> links = new ArrayList<>();
        if (export == null) {
            return links;
        }
        for (JsonNode entry : export.isArray() ? export : List.of(export)) {
            JsonNode url = entry.path("url");
            if (url.isTextual() && !url.textValue().isBlank()) {
                links.add(url.textValue().trim());
            }
        }
        return links;
    }

    private static String shape(JsonNode export) {
        if (export.isObject()) {
            List<String> keys = new ArrayList<>();
            export.fieldNames().forEachRemaining(keys::add);
            return "an object with keys " + keys;
        }
        return export.isArray() ? "a list of " + export.size() + " entries" : export.getNodeType().toString();
    }
}
