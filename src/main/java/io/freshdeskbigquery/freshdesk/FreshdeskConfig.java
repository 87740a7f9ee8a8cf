package io.freshdeskbigquery.freshdesk;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The {@code freshdesk.*} keys, with their defaults (the one place they live). Checked by the classes that use them,
 * with messages naming the key: {@link FreshdeskSettings} (the account, timeouts, retries), {@link RateBudget} (the
 * limits), {@link FreshdeskPlan#of} (the plan), {@link RequestDeadline} (the request's deadline), {@link PageSizeCap}
 * (the page's size), {@link RateLimitWaits} (the waits on 429s); all of them at the start, before any route is built
 * ({@code io.freshdeskbigquery.ConfigurationCheck}). The README's Configuration table documents each.
 */
@ConfigMapping(prefix = "freshdesk")
public interface FreshdeskConfig {

    /** The account: {@code acme} for https://acme.freshdesk.com. */
    Optional<String> domain();

    /** The API root, whole (a proxy, a test server); default {@code https://<domain>.freshdesk.com/api/v2}. */
    Optional<String> baseUrl();

    /** The API key of the agent the loader reads as; never logged. */
    Optional<String> apiKey();

    /** {@code trial}, {@code growth}, {@code pro} or {@code enterprise}: the default per-minute limits. */
    @WithDefault("enterprise")
    String plan();

    Timeout timeout();

    /**
     * Bytes of one answer, at most, counted as it is read ({@link PageSizeCap}); a larger page is asked for again in
     * smaller pages ({@link PageIsolation}), and a single record larger than this goes to {@code _rejected}.
     */
    @WithDefault("16777216")
    long maxPageBytes();

    Retry retry();

    RateLimit rateLimit();

    /** {@code freshdesk.export.*}: the files of Freshdesk's daily exports (ticket activities), behind signed links. */
    Export export();

    interface Export {
        /**
         * Bytes of one export file, at most, counted as it is read ({@link ExportFileClient}): a day's activities are
         * held whole while their rows are made.
         */
        @WithDefault("67108864")
        long maxFileBytes();

        /**
         * Follow a link to plain http or to a loopback or private address (the simulator, a test's server): for dev
         * mode and tests only, refused by a production build's profile. Off: only https links to public addresses.
         */
        @WithDefault("false")
        boolean allowLocalLinks();
    }

    interface Timeout {
        /** ms */
        @WithDefault("10000")
        int connect();

        /** ms; the longest wait for the next bytes of an answer */
        @WithDefault("60000")
        int response();

        /**
         * ms; the longest a whole request may take, from connecting to the page's last byte: a server that trickles
         * its answer slower than {@link #response()} would notice is cut off here ({@link RequestDeadline}).
         */
        @WithDefault("300000")
        int request();
    }

    interface Retry {
        /** Retries of a page on 5xx, timeouts, connection errors and malformed pages. */
        @WithDefault("6")
        int maxAttempts();

        /** ms; doubled per retry, with jitter */
        @WithDefault("1000")
        long initialDelay();

        /** ms */
        @WithDefault("60000")
        long maxDelay();

        /** Seconds to wait on a 429 without {@code Retry-After}. */
        @WithDefault("60")
        int defaultRetryAfter();

        /**
         * Seconds: a 429 whose {@code Retry-After} asks for a longer wait fails the run at once. Freshdesk's limits are
         * per minute (per hour on some older accounts): a longer wait is not one of them.
         */
        @WithDefault("3600")
        long maxRetryAfter();

        /** The most a stream's run waits on 429s in all; a run that would wait longer fails. */
        @WithDefault("2h")
        Duration maxRateLimitedWait();

        /** Retries on 429; -1: as long as it takes. */
        @WithDefault("-1")
        int rateLimitedAttempts();

        /**
         * Times a page with bad records is asked for again before they go to {@code _rejected}; also a page that is
         * not valid JSON, before it is read in smaller pages ({@link PageIsolation}).
         */
        @WithDefault("2")
        int badRecordAttempts();
    }

    interface RateLimit {
        /** The fraction of the account's budget ({@code X-RateLimit-Total}) this loader uses, in (0, 1]. */
        @WithDefault("0.8")
        double share();

        /** A fixed number of requests a minute instead of the share. */
        Optional<Integer> perMinute();

        /** Default from {@link #plan()}. */
        Optional<Integer> ticketsListPerMinute();

        /** Default from {@link #plan()}. */
        Optional<Integer> contactsListPerMinute();

        /** From this {@code X-RateLimit-Remaining} on, requests are spread out. */
        @WithDefault("10")
        int lowRemaining();
    }
}
