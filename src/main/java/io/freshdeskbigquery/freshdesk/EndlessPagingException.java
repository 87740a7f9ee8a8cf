package io.freshdeskbigquery.freshdesk;

/** Freshdesk keeps answering the same page with {@code rel="next"}: paging on would never end. */
public class EndlessPagingException extends RuntimeException {

    public EndlessPagingException(String message) {
        super(message);
    }
}
