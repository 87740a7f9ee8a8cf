package io.freshdeskbigquery.freshdesk;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * The account's request budget, one for every stream of the account. It tells the route's throttlers how many
 * requests a minute this loader may make — {@code freshdesk.rate-limit.per-minute}, or
 * {@code freshdesk.rate-limit.share} of the account's budget (as Freshdesk reports it in
 * {@code X-RateLimit-Total}, else as the plan gives it) — and how long the next request should wait: until a
 * 429's {@code Retry-After} has passed (every stream pauses), or a little when {@code X-RateLimit-Remaining}
 * runs low, before Freshdesk has to say 429.
 */
@ApplicationScoped
public class RateBudget {

    private static final Logger LOG = Logger.getLogger(RateBudget.class);

    /**
     * The most requests a minute a throttle is given (1,000 a second, beyond any Freshdesk plan). Camel's throttler
     * holds a permit object per request a period: a limit of a million a minute ("limits off") would take some
     * 50 MB of heap and a quarter of a second at the first request to fill.
     */
    static final int MOST_PER_MINUTE = 60_000;

    private final FreshdeskPlan plan;
    private final Optional<Integer> perMinute;
    private final double share;
    private final int ticketsListPerMinute;
    private final int contactsListPerMinute;
    private final int lowRemaining;
    private final Clock clock;

    private volatile int observedTotal;
    private volatile int observedRemaining = -1;
    private final AtomicLong pausedUntil = new AtomicLong();

    @Inject
    public RateBudget(FreshdeskConfig config) {
        this(FreshdeskPlan.of(config.plan()), config.rateLimit().perMinute(), config.rateLimit().share(),
                config.rateLimit().ticketsListPerMinute(), config.rateLimit().contactsListPerMinute(),
                config.rateLimit().lowRemaining(), Clock.systemUTC());
    }

    RateBudget(FreshdeskPlan plan, Optional<Integer> perMinute, double share, Optional<Integer> ticketsListPerMinute,
            Optional<Integer> contactsListPerMinute, int lowRemaining, Clock clock) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException(
                    "freshdesk.rate-limit.share must be above 0 and at most 1 (the fraction of"
                            + " the account's budget this loader uses, e.g. 0.8), not " + share);
        }
        if (lowRemaining < 0) {
            throw new IllegalArgumentException(
                    "freshdesk.rate-limit.low-remaining must be 0 or more (requests left in the"
                            + " minute), not " + lowRemaining);
        }
        this.plan = plan;
        this.perMinute = perMinute.map(n -> atMost("per-minute", n));
        this.share = share;
        this.ticketsListPerMinute = atMost("tickets-list-per-minute",
                ticketsListPerMinute.orElse(plan.ticketsListPerMinute()));
        this.contactsListPerMinute = atMost("contacts-list-per-minute",
                contactsListPerMinute.orElse(plan.contactsListPerMinute()));
        this.lowRemaining = lowRemaining;
        this.clock = clock;
    }

    /** A limit of requests a minute: at least 1; above {@link #MOST_PER_MINUTE}, held there. */
    private static int atMost(String key, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException(
                    "freshdesk.rate-limit." + key + " must be 1 or more requests a minute (more than "
                            + MOST_PER_MINUTE + " is held at " + MOST_PER_MINUTE + "), not " + perMinute);
        }
        if (perMinute > MOST_PER_MINUTE) {
            LOG.infof(
                    "freshdesk.rate-limit.%s=%d: the throttle holds %d requests a minute, its most (no Freshdesk plan "
                            + "allows as many)",
                    key, perMinute, MOST_PER_MINUTE);
            return MOST_PER_MINUTE;
        }
        return perMinute;
    }

    /** Requests a minute this loader may make across all streams. */
    public int accountPerMinute() {
        if (perMinute.isPresent()) {
            return perMinute.get();
        }
        int total = observedTotal > 0 ? observedTotal : plan.accountPerMinute();
        return Math.min(MOST_PER_MINUTE, Math.max(1, (int) Math.floor(total * share)));
    }

    /**
     * Requests a minute for one list endpoint: tickets and contacts have limits of their own; the other lists
     * are bound by the account's budget alone. (Camel's throttler holds a permit per request a period, so
     * "no limit" is the account's limit, never a huge number.)
     */
    public int listPerMinute(FreshdeskStream stream) {
        return switch (stream.listLimit()) {
            case TICKETS_LIST -> ticketsListPerMinute;
            case CONTACTS_LIST -> contactsListPerMinute;
            case ACCOUNT -> accountPerMinute();
        };
    }

    /**
     * Requests a second this loader may make across all streams: the minute's budget spread over the minute, a sixtieth
     * of it (rounded up). The throttles count both: at most this many in any second, at most the minute's budget in any
     * minute. Counted a minute only, the budget went in bursts: the first conversations run (a request a ticket) spent
     * the minute's 560 requests in its first seconds, and every other stream then waited for the next minute.
     */
    public int accountPerSecond() {
        return perSecond(accountPerMinute());
    }

    /** Requests a second for one list endpoint: its minute's limit spread over the minute ({@link #accountPerSecond}). */
    public int listPerSecond(FreshdeskStream stream) {
        return perSecond(listPerMinute(stream));
    }

    /** A sixtieth of a minute's budget, rounded up: at least 1. */
    static int perSecond(int perMinute) {
        return (perMinute + 59) / 60;
    }

    /** How long the next request should wait, in ms: a 429 pause, or pacing when the budget runs low. */
    public long waitBeforeNextRequest() {
        long pause = pausedUntil.get() - clock.millis();
        if (pause > 0) {
            return pause;
        }
        int remaining = observedRemaining;
        if (remaining >= 0 && remaining <= lowRemaining) {
            return 60_000L / accountPerMinute();
        }
        return 0;
    }

    /** Reads {@code X-RateLimit-Total} / {@code X-RateLimit-Remaining} from a Freshdesk response. */
    public void observe(Integer total, Integer remaining) {
        if (total != null && total > 0 && total != observedTotal) {
            observedTotal = total;
            if (perMinute.isEmpty()) {
                LOG.infof(
                        "Freshdesk reports a budget of %d requests a minute; this loader uses %d (freshdesk.rate-limit.share=%s)",
                        total, accountPerMinute(), share);
            }
        }
        if (remaining != null) {
            observedRemaining = remaining;
        }
    }

    /** A 429: every stream of the account waits until Freshdesk's {@code Retry-After} has passed. */
    public void pauseFor(long seconds) {
        long until = clock.millis() + seconds * 1000;
        pausedUntil.accumulateAndGet(until, Math::max);
    }

    /** {@code X-RateLimit-Remaining} of the last response, or -1 when none was seen. */
    public int remaining() {
        return observedRemaining;
    }
}
