package io.freshdeskbigquery.freshdesk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.LogText;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * How long a 429 makes a run wait, and the bounds on it ({@code freshdesk.retry.*}): Freshdesk's {@code Retry-After}
 * (seconds, or an HTTP date), {@code default-retry-after} when it is missing or is nonsense (negative, too large to
 * be a number, neither a number nor a date: with a warning); a wait past {@code max-retry-after}, or one that would
 * take the run's waits on 429s past {@code max-rate-limited-wait} in all, fails the run at once
 * ({@link FreshdeskHttpException.RateLimitedTooLong}). The run's waits so far are the exchange property
 * {@value #WAITED}.
 */
@ApplicationScoped
public class RateLimitWaits {

    /** Exchange property: the seconds the stream's run has waited on 429s so far. */
    public static final String WAITED = "freshdeskRateLimitedWaited";
    /** Camel waits at most this long before a redelivery (the 429 policy's {@code maximumRedeliveryDelay}). */
    public static final long MOST_RETRY_AFTER = Duration.ofDays(1).toSeconds();

    private static final Logger LOG = Logger.getLogger(RateLimitWaits.class);

    private final FreshdeskConfig.Retry retry;

    @Inject
    public RateLimitWaits(FreshdeskConfig config) {
        this.retry = config.retry();
    }

    /**
     * Checks the keys, with a message naming the one to fix.
     *
     * @throws IllegalArgumentException when a key is out of its range
     */
    public static void check(FreshdeskConfig.Retry retry) {
        if (retry.maxRetryAfter() < 1 || retry.maxRetryAfter() > MOST_RETRY_AFTER) {
            throw new IllegalArgumentException("freshdesk.retry.max-retry-after must be from 1 to " + MOST_RETRY_AFTER
                    + " (seconds: a day), not " + retry.maxRetryAfter());
        }
        if (retry.defaultRetryAfter() < 0 || retry.defaultRetryAfter() > retry.maxRetryAfter()) {
            throw new IllegalArgumentException("freshdesk.retry.default-retry-after must be from 0 to"
                    + " freshdesk.retry.max-retry-after (" + retry.maxRetryAfter() + "), in seconds, not "
                    + retry.defaultRetryAfter());
        }
        if (retry.maxRateLimitedWait().toSeconds() < retry.maxRetryAfter()) {
            throw new IllegalArgumentException("freshdesk.retry.max-rate-limited-wait must be at least"
                    + " freshdesk.retry.max-retry-after (" + retry.maxRetryAfter() + " s), a number of seconds or e.g."
                    + " 30m, 2h; not " + retry.maxRateLimitedWait().toSeconds() + " s");
        }
    }

    /**
     * {@code Retry-After} in seconds: a number of seconds, or an HTTP date (seconds from now until then, 0 when it has
     * passed).
     *
     * @return null when the header is missing or is not a usable wait
     */
    static Long parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null; // more digits than a long holds
            }
        }
        try {
            Instant then = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(now, then).plusMillis(999).toSeconds());
        } catch (DateTimeParseException e) {
            return null; // negative, a fraction, words
        }
    }

    /** The seconds a 429 makes the run wait: {@code Retry-After}, or the default when it gave none to use. */
    public long seconds(FreshdeskHttpException.RateLimited rateLimited) {
        return rateLimited.retryAfterSeconds() != null ? rateLimited.retryAfterSeconds() : retry.defaultRetryAfter();
    }

    /**
     * A 429 as Freshdesk answered it: the run waits for it, unless the wait is past a bound.
     *
     * @param where the stream, the page and its URL
     * @return the 429, to be waited out and the page asked again; or the run's failure when the wait is too long
     */
    public FreshdeskHttpException admit(Exchange exchange, String where,
            FreshdeskHttpException.RateLimited rateLimited) {
        String header = rateLimited.retryAfterHeader();
        if (header != null && !header.isBlank() && rateLimited.retryAfterSeconds() == null) {
            LOG.warnf("%s: Freshdesk answered 429 with Retry-After '%s', neither a number of seconds nor an HTTP date;"
                    + " waiting freshdesk.retry.default-retry-after (%d s) instead", where,
                    LogText.abbreviate(header.replaceAll("\\p{Cntrl}", "?"), 40),
                    retry.defaultRetryAfter());
        }
        long seconds = seconds(rateLimited);
        if (seconds > retry.maxRetryAfter()) {
            return new FreshdeskHttpException.RateLimitedTooLong(rateLimited.status(), where + ": Freshdesk answered"
                    + " 429 with Retry-After " + seconds + " s, past freshdesk.retry.max-retry-after ("
                    + retry.maxRetryAfter()
                    + " s): the run stops rather than wait that long; raise the key if such a wait is real");
        }
        long waited = waited(exchange);
        long most = retry.maxRateLimitedWait().toSeconds();
        if (waited + seconds > most) {
            return new FreshdeskHttpException.RateLimitedTooLong(rateLimited.status(), where + ": Freshdesk answered"
                    + " 429 again after this run waited " + waited + " s in all on rate limits; another " + seconds
                    + " s would pass freshdesk.retry.max-rate-limited-wait (" + most + " s): the run stops (other tools"
                    + " may be using up the account's request budget)");
        }
        return rateLimited;
    }

    /** The run is about to wait this long on a 429. */
    public void waiting(Exchange exchange, long seconds) {
        exchange.setProperty(WAITED, waited(exchange) + seconds);
    }

    private static long waited(Exchange exchange) {
        return exchange.getProperty(WAITED, 0L, Long.class);
    }

}
