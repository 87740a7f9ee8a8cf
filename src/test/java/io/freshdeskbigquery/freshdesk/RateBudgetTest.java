package io.freshdeskbigquery.freshdesk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateBudgetTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static RateBudget budget(FreshdeskPlan plan, Integer perMinute, double share) {
        return new RateBudget(plan, Optional.ofNullable(perMinute), share, Optional.empty(), Optional.empty(), 10,
                CLOCK);
    }

    @Test
    void usesItsShareOfThePlanUntilFreshdeskReportsTheRealBudget() {
        RateBudget budget = budget(FreshdeskPlan.GROWTH, null, 0.5);
        assertThat(budget.accountPerMinute()).isEqualTo(100);

        budget.observe(400, 390);

        assertThat(budget.accountPerMinute()).isEqualTo(200);
    }

    @Test
    void everyBudgetIsSpreadOverItsMinuteASixtiethASecondRoundedUp() {
        RateBudget enterprise = budget(FreshdeskPlan.ENTERPRISE, null, 0.8);
        assertThat(enterprise.accountPerMinute()).isEqualTo(560);
        assertThat(enterprise.accountPerSecond()).isEqualTo(10);
        assertThat(enterprise.listPerSecond(FreshdeskCatalogue.TICKETS)).isEqualTo(4);
        RateBudget growth = budget(FreshdeskPlan.GROWTH, null, 1.0);
        assertThat(growth.listPerSecond(FreshdeskCatalogue.CONTACTS)).as("20 a minute").isEqualTo(1);
        assertThat(budget(FreshdeskPlan.ENTERPRISE, 1, 1.0).accountPerSecond()).isEqualTo(1);
        assertThat(budget(FreshdeskPlan.ENTERPRISE, 60, 1.0).accountPerSecond()).isEqualTo(1);
        assertThat(budget(FreshdeskPlan.ENTERPRISE, 61, 1.0).accountPerSecond()).isEqualTo(2);
        assertThat(budget(FreshdeskPlan.ENTERPRISE, 60_000, 1.0).accountPerSecond()).isEqualTo(1000);
    }

    @Test
    void aFixedPerMinuteWinsOverTheShare() {
        RateBudget budget = budget(FreshdeskPlan.ENTERPRISE, 123, 0.5);
        budget.observe(700, 650);
        assertThat(budget.accountPerMinute()).isEqualTo(123);
    }

    @Test
    void theTicketsAndContactsListsHaveThePlansOwnLimits() {
        RateBudget growth = budget(FreshdeskPlan.GROWTH, null, 1.0);
        assertThat(growth.listPerMinute(FreshdeskCatalogue.TICKETS)).isEqualTo(20);
        assertThat(growth.listPerMinute(FreshdeskCatalogue.CONTACTS)).isEqualTo(20);
        assertThat(growth.listPerMinute(FreshdeskCatalogue.COMPANIES)).isEqualTo(growth.accountPerMinute());
        RateBudget custom = new RateBudget(FreshdeskPlan.GROWTH, Optional.empty(), 1.0, Optional.of(55),
                Optional.empty(),
                10, CLOCK);
        assertThat(custom.listPerMinute(FreshdeskCatalogue.TICKETS)).isEqualTo(55);
    }

    @Test
    void limitsBeyondAnyPlanAreHeldAtTheThrottlesMost() {
        // "limits off" in the benchmarks: a million a minute would be a million permit objects in each throttle
        RateBudget lifted = new RateBudget(FreshdeskPlan.ENTERPRISE, Optional.of(1_000_000), 1.0,
                Optional.of(1_000_000),
                Optional.of(2_000_000), 10, CLOCK);
        assertThat(lifted.accountPerMinute()).isEqualTo(60_000);
        assertThat(lifted.listPerMinute(FreshdeskCatalogue.TICKETS)).isEqualTo(60_000);
        assertThat(lifted.listPerMinute(FreshdeskCatalogue.CONTACTS)).isEqualTo(60_000);
        RateBudget reported = budget(FreshdeskPlan.ENTERPRISE, null, 1.0);
        reported.observe(5_000_000, 4_999_000);
        assertThat(reported.accountPerMinute()).isEqualTo(60_000);
        // a real plan's figures are kept as they are
        assertThat(budget(FreshdeskPlan.ENTERPRISE, 59_999, 1.0).accountPerMinute()).isEqualTo(59_999);
    }

    @Test
    void a429PausesEveryRequestUntilRetryAfterHasPassed() {
        RateBudget budget = budget(FreshdeskPlan.PRO, null, 1.0);
        assertThat(budget.waitBeforeNextRequest()).isZero();

        budget.pauseFor(30);

        assertThat(budget.waitBeforeNextRequest()).isEqualTo(30_000);
    }

    @Test
    void aLowRemainingBudgetSpreadsRequestsOut() {
        RateBudget budget = budget(FreshdeskPlan.PRO, null, 1.0);
        budget.observe(400, 200);
        assertThat(budget.waitBeforeNextRequest()).isZero();

        budget.observe(400, 8);

        assertThat(budget.waitBeforeNextRequest()).isEqualTo(60_000 / 400);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> budget(FreshdeskPlan.PRO, null, 1.5))
                .hasMessageContaining("freshdesk.rate-limit.share");
    }

    @Test
    void aLimitBelowOneIsRefusedNamingItsKey() {
        for (int wrong : new int[]{0, -5}) {
            assertThatThrownBy(() -> budget(FreshdeskPlan.ENTERPRISE, wrong, 0.8))
                    .hasMessage(
                            "freshdesk.rate-limit.per-minute must be 1 or more requests a minute (more than 60000 is"
                                    + " held at 60000), not " + wrong);
        }
        assertThatThrownBy(() -> new RateBudget(FreshdeskPlan.ENTERPRISE, Optional.empty(), 0.8, Optional.of(-1),
                Optional.empty(), 10, CLOCK))
                .hasMessageStartingWith("freshdesk.rate-limit.tickets-list-per-minute must be 1");
        assertThatThrownBy(() -> new RateBudget(FreshdeskPlan.ENTERPRISE, Optional.empty(), 0.8, Optional.empty(),
                Optional.of(0), 10, CLOCK))
                .hasMessageStartingWith("freshdesk.rate-limit.contacts-list-per-minute must be 1");
        assertThatThrownBy(() -> new RateBudget(FreshdeskPlan.ENTERPRISE, Optional.empty(), 0.8, Optional.empty(),
                Optional.empty(), -1, CLOCK))
                .hasMessageStartingWith("freshdesk.rate-limit.low-remaining must be 0 or more");
    }
}
