package io.freshdeskbigquery.freshdesk;

/**
 * Freshdesk's per-minute API limits by plan: the whole account, and the tickets and contacts lists on their
 * own (Freshdesk support: "What are the rate limits for the API calls").
 */
public enum FreshdeskPlan {
    TRIAL(50, 50, 50), GROWTH(200, 20, 20), PRO(400, 100, 100), ENTERPRISE(700, 200, 200);

    private final int accountPerMinute;
    private final int ticketsListPerMinute;
    private final int contactsListPerMinute;

    FreshdeskPlan(int accountPerMinute, int ticketsListPerMinute, int contactsListPerMinute) {
        this.accountPerMinute = accountPerMinute;
        this.ticketsListPerMinute = ticketsListPerMinute;
        this.contactsListPerMinute = contactsListPerMinute;
    }

    public int accountPerMinute() {
        return accountPerMinute;
    }

    public int ticketsListPerMinute() {
        return ticketsListPerMinute;
    }

    public int contactsListPerMinute() {
        return contactsListPerMinute;
    }

    public static FreshdeskPlan of(String name) {
        try {
            return valueOf(name.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "freshdesk.plan '" + name + "' is not one of trial, growth, pro, enterprise", e);
        }
    }
}
