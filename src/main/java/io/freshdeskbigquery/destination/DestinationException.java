package io.freshdeskbigquery.destination;

/** The destination could not take a write or a read; the message names the stream and what failed. */
public class DestinationException extends RuntimeException {

    public DestinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
