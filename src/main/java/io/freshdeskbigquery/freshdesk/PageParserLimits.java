package io.freshdeskbigquery.freshdesk;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the page route's JSON parser accepts, set on purpose rather than left at Jackson's defaults. A record past
 * them makes its page unreadable, and is set apart in {@code _rejected} by reading the page in smaller pages
 * ({@link PageIsolation}); the rest of the page loads.
 * <ul>
 * <li>A document, and so a string in it: up to {@code freshdesk.max-page-bytes} (Jackson's 20,000,000-character cap
 * on a string is replaced by the page's own: a string that fits in the page is read).</li>
 * <li>Nesting: {@value #MAX_NESTING_DEPTH} levels (Jackson's default). A ticket nests four or five (custom fields, an
 * attachment list of objects); deeper is not a ticket, and far deeper would cost the stack.</li>
 * <li>A number: {@value #MAX_NUMBER_LENGTH} digits (Jackson's default); an id has at most 19.</li>
 * </ul>
 */
final class PageParserLimits {

    static final int MAX_NESTING_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;

    private PageParserLimits() {
    }

    /** A copy of the application's mapper (its modules and features) whose parser has the page's limits. */
    static ObjectMapper pageMapper(ObjectMapper application, long maxPageBytes) {
        ObjectMapper mapper = application.copy();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxPageBytes)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxPageBytes))
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build());
        return mapper;
    }
}
