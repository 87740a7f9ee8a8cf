package io.freshdeskbigquery.freshdesk;

/** A page Freshdesk answered that cannot be used as a page: the message names the stream and the page. */
public class FreshdeskPageException extends RuntimeException {

    public FreshdeskPageException(String message) {
        super(message);
    }

    public FreshdeskPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
