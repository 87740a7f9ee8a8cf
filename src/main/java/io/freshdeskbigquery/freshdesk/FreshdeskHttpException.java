package io.freshdeskbigquery.freshdesk;

/**
 * Freshdesk answered a page with an HTTP error. The subclasses say what kind, so that the retry policies
 * can pick by type; the message names the stream, the page and the URL, never the API key.
 */
public class FreshdeskHttpException extends RuntimeException {

    private final int status;

    public FreshdeskHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 401: the API key is wrong; retrying cannot help. */
    public static class Unauthorized extends FreshdeskHttpException {
        public Unauthorized(int status, String message) {
            super(status, message);
        }
    }

    /** 403 or 404: the key's agent may not read this stream, or the account's plan lacks it. */
    public static class NotAccessible extends FreshdeskHttpException {
        public NotAccessible(int status, String message) {
            super(status, message);
        }
    }

    /** 429: the account's request budget is spent; wait {@link #retryAfterSeconds()} and ask again. */
    public static class RateLimited extends FreshdeskHttpException {
        private final Long retryAfterSeconds;
        private final String retryAfterHeader;

        public RateLimited(int status, String message, Long retryAfterSeconds, String retryAfterHeader) {
            super(status, message);
            this.retryAfterSeconds = retryAfterSeconds;
            this.retryAfterHeader = retryAfterHeader;
        }

        /** Freshdesk's {@code Retry-After} in seconds, or null when it sent none or none that is a wait. */
        public Long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** The {@code Retry-After} header as it came, or null. */
        public String retryAfterHeader() {
            return retryAfterHeader;
        }
    }

    /**
     * 429 with a wait past what the loader may wait ({@code freshdesk.retry.max-retry-after}, or the run's
     * {@code freshdesk.retry.max-rate-limited-wait}): the run fails at once, without asking again.
     */
    public static class RateLimitedTooLong extends FreshdeskHttpException {
        public RateLimitedTooLong(int status, String message) {
            super(status, message);
        }
    }

    /** 5xx: Freshdesk or something before it failed; worth retrying with backoff. */
    public static class ServerError extends FreshdeskHttpException {
        public ServerError(int status, String message) {
            super(status, message);
        }
    }
}
