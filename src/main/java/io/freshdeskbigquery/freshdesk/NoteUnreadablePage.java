package io.freshdeskbigquery.freshdesk;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * An answer that could not be read, caught by the page route: not JSON (an invalid UTF-8 byte, nesting or a number past
 * the parser's limits, cut off, an HTML page), or larger than {@code freshdesk.max-page-bytes}. Says why in the
 * variable {@value #REASON}, for {@link IsolateUnreadablePage} and {@link TakeIsolatedPiece}.
 */
@ApplicationScoped
public class NoteUnreadablePage implements Processor {

    /** Variable: why the answer could not be read; absent when it was read. */
    public static final String REASON = "freshdeskPageUnreadable";
    /** Variable: true when the answer was refused for its size (not a passing fault: it is not asked for again whole). */
    public static final String TOO_LARGE = "freshdeskPageTooLarge";
    /**
     * Variable: true when the answer ended before its JSON did. No record cuts an answer short (a proxy or a dropped
     * connection does): such a page is asked for again as any failed request is, never read in smaller pages.
     */
    public static final String CUT_OFF = "freshdeskPageCutOff";

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        PageTooLargeException tooLarge = cause(caught, PageTooLargeException.class);
        JsonProcessingException json = cause(caught, JsonProcessingException.class);
        String reason = tooLarge != null
                ? tooLarge.getMessage()
                : json != null
                        ? "the response is not valid JSON (" + json.getOriginalMessage() + ")"
                        : String.valueOf(caught);
        exchange.setVariable(REASON, reason);
        exchange.setVariable(TOO_LARGE, tooLarge != null);
        exchange.setVariable(CUT_OFF, json instanceof JsonEOFException);
    }

    private static <T extends Throwable> T cause(Throwable caught, Class<T> type) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
