package io.freshdeskbigquery.freshdesk;

import java.io.IOException;

/**
 * An answer larger than {@code freshdesk.max-page-bytes}: refused while it was read ({@link PageSizeCap}), so no more
 * of it than the cap was ever held. The page route asks for its records in smaller pages ({@link PageIsolation}).
 */
public class PageTooLargeException extends IOException {

    public PageTooLargeException(String message) {
        super(message);
    }
}
