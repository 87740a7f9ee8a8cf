package io.freshdeskbigquery.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Faults to inject, each for the next {@code n} matching requests. A matching request is one that
 * got through authentication, rate limits, permissions and validation to a stream the fault applies
 * to: {@link #on(String)} scopes faults to one stream, otherwise they apply to any stream. Faults
 * are used in the order they were armed, one per request.
 *
 * <p>What each does to the {@link SimResponse}:
 * <ul>
 * <li>{@link #serverErrors}: the given 5xx status with a JSON error body; no records.</li>
 * <li>{@link #tooManyRequests}: 429 with the given {@code Retry-After}; no records.</li>
 * <li>{@link #truncatedBody}: the normal 200 and headers, the body cut after half its characters.</li>
 * <li>{@link #slowResponse}: the normal answer with {@code delay} set (and header
 * {@value SimResponse#DELAY_HEADER}); the HTTP adapter waits that long.</li>
 * <li>{@link #connectionReset}: status 0, empty body and headers, {@code connectionReset} true; the
 * HTTP adapter drops the connection.</li>
 * <li>{@link #badRecord}: the normal page, but its middle record lacks {@code id} and
 * {@code updated_at} (nothing changes on an empty page).</li>
 * <li>{@link #endlessNext}: the asked page, with {@code rel="next"} pointing at the same page.</li>
 * </ul>
 * Injected answers count as calls: their credits are charged. Mutations are only triggered by
 * requests that answer 200.
 */
public final class Faults {

    enum Kind {
        SERVER_ERROR, TOO_MANY_REQUESTS, TRUNCATED_BODY, SLOW_RESPONSE, CONNECTION_RESET, BAD_RECORD, ENDLESS_NEXT
    }

    /** One armed fault; {@code stream} null means any stream. */
    static final class Armed {
        final Kind kind;
        final SimStream stream;
        final int status;
        final long retryAfterSeconds;
        final Duration delay;
        int remaining;

        Armed(Kind kind, SimStream stream, int remaining, int status, long retryAfterSeconds, Duration delay) {
            this.kind = kind;
            this.stream = stream;
            this.remaining = remaining;
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
            this.delay = delay;
        }
    }

    private final Object lock;
    private final List<Armed> armed;
    private final SimStream scope;
    private final long[] injected;

    Faults(Object lock) {
        this(lock, new ArrayList<>(), null, new long[1]);
    }

    private Faults(Object lock, List<Armed> armed, SimStream scope, long[] injected) {
        this.lock = lock;
        this.armed = armed;
        this.scope = scope;
        this.injected = injected;
    }

    /** The same fault list, but faults armed through the returned view apply only to {@code stream}. */
    public Faults on(String stream) {
        return new Faults(lock, armed, SimStream.named(stream), injected);
    }

    public Faults serverErrors(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is 5xx, not " + status);
        }
        return arm(Kind.SERVER_ERROR, n, status, 0, Duration.ZERO);
    }

    public Faults tooManyRequests(int n, int retryAfterSeconds) {
        return arm(Kind.TOO_MANY_REQUESTS, n, 429, Math.max(1, retryAfterSeconds), Duration.ZERO);
    }

    public Faults truncatedBody(int n) {
        return arm(Kind.TRUNCATED_BODY, n, 200, 0, Duration.ZERO);
    }

    public Faults slowResponse(int n, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return arm(Kind.SLOW_RESPONSE, n, 200, 0, delay);
    }

    public Faults connectionReset(int n) {
        return arm(Kind.CONNECTION_RESET, n, 0, 0, Duration.ZERO);
    }

    public Faults badRecord(int n) {
        return arm(Kind.BAD_RECORD, n, 200, 0, Duration.ZERO);
    }

    public Faults endlessNext(int n) {
        return arm(Kind.ENDLESS_NEXT, n, 200, 0, Duration.ZERO);
    }

    /** Disarms every fault (of every stream). */
    public Faults clear() {
        synchronized (lock) {
            armed.clear();
        }
        return this;
    }

    /** How many injections are still armed, summed over all faults. */
    public int pending() {
        synchronized (lock) {
            return armed.stream().mapToInt(fault -> fault.remaining).sum();
        }
    }

    /** How many requests have been answered with an injected fault so far. */
    public long injectedCount() {
        synchronized (lock) {
            return injected[0];
        }
    }

    private Faults arm(Kind kind, int n, int status, long retryAfterSeconds, Duration delay) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        synchronized (lock) {
            armed.add(new Armed(kind, scope, n, status, retryAfterSeconds, delay));
        }
        return this;
    }

    /** The fault this request gets, used up by one; null when none applies. Caller holds the lock. */
    Armed take(SimStream stream) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext();) {
            Armed fault = it.next();
            if (fault.stream == null || fault.stream == stream) {
                if (--fault.remaining == 0) {
                    it.remove();
                }
                injected[0]++;
                return fault;
            }
        }
        return null;
    }
}
