package io.freshdeskbigquery.freshdesk;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/** The expressions the page route's Delay and Throttle EIPs read from the {@link RateBudget}. */
final class RateLimitExpressions {

    private RateLimitExpressions() {
    }

    /** Requests a minute for the whole account. */
    static ExpressionAdapter accountPerMinute(RateBudget budget) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return budget.accountPerMinute();
            }
        };
    }

    /** Requests a second for the whole account: its minute's budget spread over the minute. */
    static ExpressionAdapter accountPerSecond(RateBudget budget) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return budget.accountPerSecond();
            }
        };
    }

    /** Requests a second for the list the exchange asks for: its minute's limit spread over the minute. */
    static ExpressionAdapter listPerSecond(RateBudget budget) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return budget.listPerSecond(exchange.getProperty(PageAsk.PROPERTY, PageAsk.class).listed());
            }
        };
    }

    /** Requests a minute for the list the exchange asks for. */
    static ExpressionAdapter listPerMinute(RateBudget budget) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return budget.listPerMinute(exchange.getProperty(PageAsk.PROPERTY, PageAsk.class).listed());
            }
        };
    }

    /** Which list the exchange asks for: each has its own throttle bucket (a child stream's run shares its parent's). */
    static ExpressionAdapter listName() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return exchange.getProperty(PageAsk.PROPERTY, PageAsk.class).listed().streamName();
            }
        };
    }

    /** Milliseconds to wait before the next request. */
    static ExpressionAdapter waitBeforeNextRequest(RateBudget budget) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return budget.waitBeforeNextRequest();
            }
        };
    }
}
