package io.freshdeskbigquery.destination.bigquery;

import java.util.Set;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.JobException;
import io.freshdeskbigquery.LogText;

/**
 * What a BigQuery failure is: transient (retried by the one retry layer, {@link BigQueryCallRoutes}) or not, and how it
 * is named in a message (BigQuery's own error first, shortened).
 */
final class BigQueryFailures {

    private static final Set<String> TRANSIENT_REASONS = Set.of("backendError", "internalError", "rateLimitExceeded",
            "quotaExceeded", "timeout");

    private BigQueryFailures() {
    }

    /** Whether insertAll's row errors ({@code reason=…} in the producer's message) all have a transient reason. */
    static boolean transientRowErrors(String message) {
        return TRANSIENT_REASONS.stream().anyMatch(r -> message.contains("reason=" + r))
                && !message.contains("reason=invalid");
    }

    /**
     * A 404 right after a table's creation is transient too: the streaming backend sees new tables late. So is a
     * DML statement that lost a race with another one on the same table ("Could not serialize access to table …
     * due to concurrent update", "Transaction is aborted due to concurrent update"): the streams of one dataset
     * all write {@code _sync_state}, and BigQuery answers such a conflict with a 400 {@code invalidQuery} (which
     * the SQL component passes on as a plain exception naming the error).
     */
    static boolean retryable(Throwable cause) {
        return cause instanceof BigQueryException bq && (bq.isRetryable() || bq.getCode() == 404 || bq.getCode() >= 500)
                || String.valueOf(cause.getMessage()).contains("due to concurrent update");
    }

    /**
     * BigQuery's own error first, then the statement, shortened: the SQL component's message puts the whole statement
     * before the error, and a shortened message would then show the statement but not why it failed.
     */
    static String failure(String statement, Throwable cause) {
        String error = String.valueOf(cause.getMessage());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BigQueryException bq) {
                error = bq.getError() == null
                        ? bq.getMessage()
                        : bq.getError().getReason() + ": " + bq.getError().getMessage();
                break;
            }
            if (t instanceof JobException job && job.getErrors() != null && !job.getErrors().isEmpty()) {
                error = job.getErrors().get(0).getReason() + ": " + job.getErrors().get(0).getMessage();
                break;
            }
        }
        return error + " (statement: " + LogText.abbreviate(statement, 160) + ")";
    }

    static String abbreviate(String text) {
        return LogText.abbreviate(text, 300);
    }
}
