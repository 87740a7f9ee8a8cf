package io.freshdeskbigquery.sync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.Secrets;
import io.freshdeskbigquery.freshdesk.FreshdeskHttpException;
import io.freshdeskbigquery.freshdesk.FreshdeskPageException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Ends a failed run: one clear log line naming the stream, the page and what to do, and the failure
 * recorded. The cursor is not touched: it stays where the last written page put it.
 */
@ApplicationScoped
public class EndFailedRun implements Processor {

    private static final Logger LOG = Logger.getLogger(EndFailedRun.class);

    @Inject
    SyncRuns runs;
    @Inject
    SyncMetrics metrics;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stream = run != null
                ? run.streamName()
                : exchange.getProperty(StartStreamRun.STREAM_PROPERTY, String.class);
        String message = describe(cause);
        metrics.failure(stream);
        if (run == null) {
            LOG.errorf("%s: run failed before it started: %s", stream, message);
            runs.record(stream, null, SyncOutcome.Status.FAILED, message, cause);
            return;
        }
        LOG.errorf("%s: run %s failed on %s: %s. The cursor stays at %s; the next run resumes from there.",
                stream, run.runId(), run.pageLabel(), message, run.cursor());
        runs.record(stream, run.runId(), SyncOutcome.Status.FAILED, message, cause);
    }

    /**
     * Our own exceptions already say where and what; anything else gets its type named. The API key masked: the text
     * goes into the ERROR log and the health data.
     */
    public static String describe(Throwable cause) {
        if (cause instanceof FreshdeskHttpException || cause instanceof FreshdeskPageException) {
            return Secrets.mask(cause.getMessage());
        }
        return cause == null
                ? "unknown error"
                : cause.getClass().getSimpleName() + ": " + Secrets.mask(cause.getMessage());
    }
}
