package io.freshdeskbigquery.destination.bigquery;

import java.util.UUID;

import com.google.cloud.bigquery.JobId;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;
import org.apache.camel.model.RouteDefinition;

/**
 * The BigQuery endpoints behind direct routes, so that transient failures (5xx, {@code backendError},
 * {@code rateLimitExceeded}, quota, a table not yet visible to streaming) are retried by Camel's redelivery
 * with exponential backoff and jitter ({@code bigquery.retry.*}), the only retry layer (the client tries once);
 * anything else goes straight back to the destination.
 */
class BigQueryRoutes extends RouteBuilder {

    static final String INSERT = "direct:bigquery-insert";
    static final String REJECT = "direct:bigquery-reject";
    static final String SQL = "direct:bigquery-sql";

    private final BigQuerySettings settings;
    private final String insertUri;
    private final String rejectUri;
    private final String sqlUri;
    private final Predicate transientFailure;

    BigQueryRoutes(BigQuerySettings settings, String insertUri, String rejectUri, String sqlUri,
            java.util.function.Predicate<Throwable> isTransient) {
        this.settings = settings;
        this.insertUri = insertUri;
        this.rejectUri = rejectUri;
        this.sqlUri = sqlUri;
        this.transientFailure = new Predicate() {
            @Override
            public boolean matches(Exchange exchange) {
                Throwable caught = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                return caught != null && isTransient.test(caught);
            }

            @Override
            public String toString() {
                return "transient BigQuery failure";
            }
        };
    }

    @Override
    public void configure() {
        retrying(from(INSERT).routeId("bigquery-insert")).to(insertUri);
        retrying(from(REJECT).routeId("bigquery-reject")).to(rejectUri);
        retrying(from(SQL).routeId("bigquery-sql")).to(sqlUri);
    }

    /** The next attempt's job: the same name, a new unique part. */
    static void newJobId(Exchange exchange) {
        JobId job = exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, JobId.class);
        if (job != null) {
            String name = job.getJob();
            exchange.getMessage().setHeader(GoogleBigQueryConstants.JOB_ID, job.toBuilder()
                    .setJob(name.substring(0, name.lastIndexOf('_') + 1) + UUID.randomUUID().toString().replace("-", ""))
                    .build());
        }
    }

    private RouteDefinition retrying(RouteDefinition route) {
        route.onException(Exception.class).onWhen(transientFailure)
                .maximumRedeliveries(Math.max(0, settings.retryMaxAttempts() - 1))
                .redeliveryDelay(settings.retryInitialDelay().toMillis())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .maximumRedeliveryDelay(settings.retryMaxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                // a statement tried again is a new job: BigQuery refuses a job id it has seen
                .onRedelivery(BigQueryRoutes::newJobId)
                .end();
        return route;
    }
}
