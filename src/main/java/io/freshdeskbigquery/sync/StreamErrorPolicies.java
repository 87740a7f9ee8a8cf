package io.freshdeskbigquery.sync;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.freshdesk.FreshdeskConfig;
import io.freshdeskbigquery.freshdesk.FreshdeskHttpException;
import io.freshdeskbigquery.freshdesk.FreshdeskPageException;
import io.freshdeskbigquery.freshdesk.RateLimitWaits;
import io.freshdeskbigquery.freshdesk.SetRetryAfterDelay;
import io.freshdeskbigquery.sync.run.CountRetry;
import io.freshdeskbigquery.sync.run.EndFailedRun;
import io.freshdeskbigquery.sync.run.EndSkippedRun;
import io.freshdeskbigquery.sync.run.EndStoppedRun;
import io.freshdeskbigquery.sync.run.RetriesLeft;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.RunStopped;
import io.freshdeskbigquery.sync.write.WriteBehind;
import org.apache.camel.LoggingLevel;
import org.apache.camel.model.RouteDefinition;

/**
 * What a stream run does when something fails. Retries redo the whole page fetch
 * ({@code direct:freshdesk-page}) — never a different page, never a restart of the stream:
 * <ul>
 * <li>429: wait exactly {@code Retry-After}, ask for the same page again, as long as it takes (at most
 * {@code freshdesk.retry.rate-limited-attempts} times). A {@code Retry-After} past
 * {@code freshdesk.retry.max-retry-after}, or a wait that would take the run's waits on 429s past
 * {@code freshdesk.retry.max-rate-limited-wait}, fails the run at once ({@link RateLimitWaits}).</li>
 * <li>5xx, timeouts, connection errors, malformed pages: exponential backoff with jitter, at most
 * {@code freshdesk.retry.max-attempts} retries of the page for them (429 waits do not use them up).</li>
 * <li>401: no retry; the key is wrong.</li>
 * <li>403/404: the key may not read this stream (or the plan lacks it): the stream is skipped.</li>
 * <li>the application stops (a signal, {@code q} in dev mode): the run stops and is recorded as stopped.</li>
 * </ul>
 * A run that ends in failure (or is skipped) first has the rows of the pages it read written and its cursor
 * committed as far as they go ({@code direct:write-what-was-read}); the next run resumes from there; then what the writer
 * wrote is merged into the current table ({@code direct:merge-what-was-written}), and the failure recorded. A batch
 * whose write failed leaves the cursor where the last written batch put it. Each clause states its redeliveries explicitly.
 */
@ApplicationScoped
class StreamErrorPolicies {

    @Inject
    FreshdeskConfig freshdesk;
    @Inject
    SetRetryAfterDelay setRetryAfterDelay;
    @Inject
    CountRetry countRetry;
    @Inject
    RetriesLeft retriesLeft;
    @Inject
    EndFailedRun endFailedRun;
    @Inject
    EndSkippedRun endSkippedRun;
    @Inject
    EndStoppedRun endStoppedRun;

    /** The policies on the stream's route; {@code freshdesk.retry.*} is checked here (at start). */
    RouteDefinition addTo(RouteDefinition route) {
        // @formatter:off
        FreshdeskConfig.Retry retry = freshdesk.retry();
        RateLimitWaits.check(retry);
        route.onException(FreshdeskHttpException.Unauthorized.class)
                .maximumRedeliveries(0)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endFailedRun)
                .end();
        route.onException(FreshdeskHttpException.NotAccessible.class)
                .maximumRedeliveries(0)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endSkippedRun)
                .end();
        route.onException(FreshdeskHttpException.RateLimited.class)
                .maximumRedeliveries(retry.rateLimitedAttempts())
                .redeliveryDelay(retry.initialDelay())
                .maximumRedeliveryDelay(RateLimitWaits.MOST_RETRY_AFTER * 1000)
                .onExceptionOccurred(setRetryAfterDelay)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endFailedRun)
                .end();
        route.onException(FreshdeskHttpException.ServerError.class, IOException.class, FreshdeskPageException.class)
                // bounded by the page's own count of these retries, not by Camel's counter (which 429s raise too)
                .retryWhile(retriesLeft)
                .redeliveryDelay(retry.initialDelay())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .maximumRedeliveryDelay(retry.maxDelay())
                .onRedelivery(countRetry)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endFailedRun)
                .end();
        // the application stops (a signal, q in dev mode): the loop broke off with pages left (RunStopped), or a page
        // held by the request budget was refused because Camel's processors no longer run (RejectedExecutionException)
        route.onException(RunStopped.class, RejectedExecutionException.class)
                .onWhen(RunExchange::applicationStopping)
                .maximumRedeliveries(0)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endStoppedRun)
                .end();
        route.onException(Exception.class)
                .maximumRedeliveries(0)
                .handled(true)
                .to(WriteBehind.WRITE_WHAT_WAS_READ)
                .to(StreamSyncRoutes.MERGE_WHAT_WAS_WRITTEN)
                .process(endFailedRun)
                .end();
        return route;
        // @formatter:on
    }
}
