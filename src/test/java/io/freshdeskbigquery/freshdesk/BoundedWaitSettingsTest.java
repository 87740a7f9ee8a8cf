package io.freshdeskbigquery.freshdesk;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys that bound a run's waits are checked at the start, and {@code Retry-After} is read as RFC 9110 says. */
class BoundedWaitSettingsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void theDefaultsAreAccepted() {
        assertThatCode(() -> RateLimitWaits.check(retry(60, 3600, Duration.ofHours(2)))).doesNotThrowAnyException();
        assertThatCode(() -> new RequestDeadline(10_000, 60_000, 300_000, null)).doesNotThrowAnyException();
    }

    @Test
    void aRequestDeadlineNoLongerThanTheOtherTimeoutsStopsTheStart() {
        assertThatThrownBy(() -> new RequestDeadline(10_000, 60_000, 60_000, null))
                .hasMessageStartingWith("freshdesk.timeout.request must be longer than")
                .hasMessageContaining("freshdesk.timeout.response (60000)")
                .hasMessageEndingWith("not 60000");
        assertThatThrownBy(() -> new RequestDeadline(10_000, 1000, 5000, null))
                .hasMessageContaining("freshdesk.timeout.connect (10000)");
    }

    @Test
    void retryKeysOutOfRangeStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> RateLimitWaits.check(retry(60, 0, Duration.ofHours(2))))
                .hasMessageStartingWith("freshdesk.retry.max-retry-after must be from 1 to 86400");
        assertThatThrownBy(() -> RateLimitWaits.check(retry(60, 100_000, Duration.ofDays(2))))
                .hasMessageStartingWith("freshdesk.retry.max-retry-after must be from 1 to 86400");
        assertThatThrownBy(() -> RateLimitWaits.check(retry(120, 60, Duration.ofHours(2))))
                .hasMessageStartingWith(
                        "freshdesk.retry.default-retry-after must be from 0 to freshdesk.retry.max-retry-after");
        assertThatThrownBy(() -> RateLimitWaits.check(retry(-1, 60, Duration.ofHours(2))))
                .hasMessageStartingWith("freshdesk.retry.default-retry-after");
        assertThatThrownBy(() -> RateLimitWaits.check(retry(60, 3600, Duration.ofMinutes(30))))
                .hasMessageStartingWith(
                        "freshdesk.retry.max-rate-limited-wait must be at least freshdesk.retry.max-retry-after");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDateAndAnythingElseIsNoWait() {
        assertThat(RateLimitWaits.parse("30", NOW)).isEqualTo(30L);
        assertThat(RateLimitWaits.parse(" 0 ", NOW)).isZero();
        assertThat(RateLimitWaits.parse("Mon, 07 Dec 2026 12:00:45 GMT", NOW)).isEqualTo(45L);
        // a date gone by: ask again now
        assertThat(RateLimitWaits.parse("Mon, 07 Dec 2026 11:00:00 GMT", NOW)).isZero();
        assertThat(RateLimitWaits.parse(null, NOW)).isNull();
        assertThat(RateLimitWaits.parse("-5", NOW)).isNull();
        assertThat(RateLimitWaits.parse("99999999999999999999", NOW)).isNull();
        assertThat(RateLimitWaits.parse("1.5", NOW)).isNull();
        assertThat(RateLimitWaits.parse("soon", NOW)).isNull();
    }

    /** The keys these checks read; any other key's method fails (so keys added later need no change here). */
    private static FreshdeskConfig.Retry retry(int defaultRetryAfter, long maxRetryAfter, Duration maxRateLimitedWait) {
        Map<String, Object> values = Map.of("defaultRetryAfter", defaultRetryAfter, "maxRetryAfter", maxRetryAfter,
                "maxRateLimitedWait", maxRateLimitedWait);
        return (FreshdeskConfig.Retry) Proxy.newProxyInstance(FreshdeskConfig.Retry.class.getClassLoader(),
                new Class<?>[]{FreshdeskConfig.Retry.class}, (proxy, method, arguments) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
