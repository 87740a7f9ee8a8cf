package io.freshdeskbigquery.freshdesk;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * One piece of a page read in smaller pages ({@link PageIsolation}), as answered: its records join the page; a piece
 * that could not be read either is asked for in smaller pieces, or, alone, is the record set apart. An answer cut off,
 * or a lone record's answer that is not even the start of a JSON array (an HTML page), is no fault of a record: the
 * request fails, and the stream's retry policy asks for the piece again.
 */
@ApplicationScoped
public class TakeIsolatedPiece implements Processor {

    private static final Logger LOG = Logger.getLogger(TakeIsolatedPiece.class);

    @Override
    public void process(Exchange exchange) {
        PageAsk run = exchange.getProperty(PageAsk.PROPERTY, PageAsk.class);
        PageIsolation isolation = exchange.getProperty(PageIsolation.PROPERTY, PageIsolation.class);
        String url = exchange.getProperty(PreparePageRequest.URL_PROPERTY, String.class);
        String link = exchange.getMessage().getHeader("Link", String.class);
        byte[] bytes = exchange.getVariable(PageParser.PAGE_BYTES, byte[].class);
        exchange.removeVariable(PageParser.PAGE_BYTES);
        String reason = exchange.getVariable(NoteUnreadablePage.REASON, String.class);
        PageJson json = reason == null ? exchange.getMessage().getBody(PageJson.class) : null;
        if (reason == null && (json == null || json.root() == null || !json.root().isArray())) {
            reason = "expected a JSON array of records";
        }
        if (reason == null) {
            List<JsonNode> records = new ArrayList<>(json.root().size());
            json.root().forEach(records::add);
            isolation.read(records, json.elementTexts(bytes), link);
            return;
        }
        if (exchange.getVariable(NoteUnreadablePage.CUT_OFF, false, Boolean.class)) {
            // asked again by the stream's retry policy: the isolation goes on from this piece
            throw new FreshdeskPageException(run.where(url) + ": " + reason + "; the answer was cut off");
        }
        if (isolation.current().size() == 1 && bytes != null && !startsAnArray(bytes)) {
            throw new FreshdeskPageException(run.where(url) + ": " + reason + ", also for a single record;"
                    + " the answers are not lists of records");
        }
        FreshdeskPage.BadRecord alone = isolation.unreadable(reason, bytes, url, link);
        if (alone == null) {
            LOG.debugf("%s: %s; asking for it in smaller pages", run.where(url), reason);
        }
    }

    private static boolean startsAnArray(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}
