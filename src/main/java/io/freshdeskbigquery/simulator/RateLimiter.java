package io.freshdeskbigquery.simulator;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Freshdesk's per-minute limits: a credit budget for the whole account, and a separate count of
 * calls for the tickets and contacts lists. Windows are fixed wall-clock minutes (:00 to :59): when
 * one is spent, the answer is 429 with {@code Retry-After} = the seconds left in the minute (at
 * least 1).
 *
 * <p>A call is refused when it costs more credits than remain, and a refused call costs nothing.
 * Every call that is not refused costs its credits, whatever its answer (401 and 400 included). A
 * limit of 0 or less is unlimited; an unlimited account sends no {@code X-RateLimit-Total} and
 * {@code X-RateLimit-Remaining} headers, only {@code X-RateLimit-Used-CurrentRequest}.
 */
final class RateLimiter {

    static final String TOTAL = "X-RateLimit-Total";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String USED = "X-RateLimit-Used-CurrentRequest";
    static final String RETRY_AFTER = "Retry-After";

    private final int creditsPerMinute;
    private final Map<SimStream, Integer> listLimits = new EnumMap<>(SimStream.class);
    private final Map<SimStream, Integer> listCalls = new EnumMap<>(SimStream.class);
    private final Clock clock;
    private long windowStartMillis = Long.MIN_VALUE;
    private int creditsUsed;

    RateLimiter(int creditsPerMinute, int ticketsListPerMinute, int contactsListPerMinute, Clock clock) {
        this.creditsPerMinute = creditsPerMinute;
        this.listLimits.put(SimStream.TICKETS, ticketsListPerMinute);
        this.listLimits.put(SimStream.CONTACTS, contactsListPerMinute);
        this.clock = clock;
    }

    /** True when the account cannot afford a call of this cost in the current minute. */
    boolean accountExhausted(int cost) {
        rollWindow();
        return creditsPerMinute > 0 && creditsPerMinute - creditsUsed < cost;
    }

    /** True when the stream's own list limit (if it has one) is spent for the current minute. */
    boolean listExhausted(SimStream stream) {
        rollWindow();
        int limit = listLimits.getOrDefault(stream, 0);
        return limit > 0 && listCalls.getOrDefault(stream, 0) >= limit;
    }

    void charge(int cost) {
        rollWindow();
        creditsUsed += cost;
    }

    void countListCall(SimStream stream) {
        rollWindow();
        listCalls.merge(stream, 1, Integer::sum);
    }

    /** Seconds until the current minute ends, rounded up, at least 1. */
    long retryAfterSeconds() {
        rollWindow();
        long millisLeft = windowStartMillis + 60_000 - clock.millis();
        return Math.max(1, (millisLeft + 999) / 1000);
    }

    /** The {@code X-RateLimit-*} headers of an answer whose call used {@code usedByThisCall} credits. */
    Map<String, String> headers(int usedByThisCall) {
        rollWindow();
        Map<String, String> headers = new LinkedHashMap<>();
        if (creditsPerMinute > 0) {
            headers.put(TOTAL, Integer.toString(creditsPerMinute));
            headers.put(REMAINING, Integer.toString(Math.max(0, creditsPerMinute - creditsUsed)));
        }
        headers.put(USED, Integer.toString(usedByThisCall));
        return headers;
    }

    private void rollWindow() {
        long start = Math.floorDiv(clock.millis(), 60_000L) * 60_000L;
        if (start != windowStartMillis) {
            windowStartMillis = start;
            creditsUsed = 0;
            listCalls.clear();
        }
    }
}
