package io.freshdeskbigquery.freshdesk;

/** The query a page request sends, for tests outside this package. */
public final class PageRequestQueries {

    private PageRequestQueries() {
    }

    public static String of(PageAsk ask) {
        return PreparePageRequest.query(ask);
    }
}
