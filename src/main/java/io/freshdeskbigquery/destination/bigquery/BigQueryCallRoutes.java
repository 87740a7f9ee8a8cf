package io.freshdeskbigquery.destination.bigquery;

import java.util.UUID;

import com.google.cloud.bigquery.JobId;
import io.freshdeskbigquery.destination.DestinationException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConstants;
import org.apache.camel.model.RouteDefinition;

/**
 * Every BigQuery call of the sink, through one of two routes, each retried:
 *
 * <pre>
 * direct:bigquery-insert  insertAll → google-bigquery: (the table in a header; history rows carry their insertId in
 *                         _insert_id, a _rejected row in a header)
 * direct:bigquery-sql     a statement (DDL text, or a statement file whose values are query parameters)
 *                         → direct:bigquery-sql-&lt;statement&gt; → google-bigquery-sql: (one job per attempt);
 *                         a failure for good named: BigQuery's own error, then the statement
 * </pre>
 * Transient failures (5xx, {@code backendError}, {@code rateLimitExceeded}, quota, a table not yet visible to
 * streaming, DML that lost a race) are retried by Camel's redelivery with exponential backoff and jitter
 * ({@code bigquery.retry.*}), the only retry layer (the client tries once); anything else goes straight back. A
 * statement tried again is a new job: BigQuery refuses a job id it has seen.
 */
final class BigQueryCallRoutes extends SinkRouteBuilder {

    BigQueryCallRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        BigQuerySettings settings = destination.settings();
        String dataset = "google-bigquery:" + settings.projectId() + ":" + settings.dataset()
                + "?connectionFactory=#" + BigQueryDestination.CONNECTION_FACTORY;

        // rows that carry their insertId in _insert_id (history rows); a _rejected row's insertId is its header
        retrying(from(INSERT).routeId("bigquery-insert"), settings)
                .choice()
                    .when(header(GoogleBigQueryConstants.INSERT_ID).isNull())
                        .to(dataset + "&useAsInsertId=_insert_id")
                    .otherwise()
                        .to(dataset)
                .end();
        // a statement: DDL text, or a statement file whose values are query parameters; its failure named
        from(SQL).routeId("bigquery-sql")
                .errorHandler(noErrorHandler())
                .doTry()
                    .toD("direct:bigquery-sql-${header." + STATEMENT + "}")
                .doCatch(Exception.class)
                    .process(this::statementFailed)
                .end();
        String sql = "google-bigquery-sql:" + settings.projectId() + ":";
        String connection = "?connectionFactory=#" + BigQueryDestination.CONNECTION_FACTORY;
        retrying(from("direct:bigquery-sql-" + DDL).routeId("bigquery-sql-" + DDL), settings)
                .to(sql + "${" + BigQueryDestination.SQL_HEADER + "}" + connection);
        for (String statement : BigQuerySql.STATEMENTS) {
            retrying(from("direct:bigquery-sql-" + statement).routeId("bigquery-sql-" + statement), settings)
                    .to(sql + "classpath:bigquery/" + statement + ".sql" + connection);
        }
        // @formatter:on
    }

    /** A statement that failed for good: BigQuery's own error first, then the statement, shortened. */
    void statementFailed(Exchange exchange) {
        Throwable cause = caught(exchange);
        String statement = exchange.getMessage()
                .getHeader(GoogleBigQueryConstants.TRANSLATED_QUERY,
                        exchange.getMessage().getHeader(BigQueryDestination.SQL_HEADER, String.class), String.class);
        throw new DestinationException(BigQueryFailures.failure(statement, cause), cause);
    }

    /** The next attempt's job: the same name, a new unique part. */
    static void newJobId(Exchange exchange) {
        JobId job = exchange.getMessage().getHeader(GoogleBigQueryConstants.JOB_ID, JobId.class);
        if (job != null) {
            String name = job.getJob();
            exchange.getMessage()
                    .setHeader(GoogleBigQueryConstants.JOB_ID, job.toBuilder()
                            .setJob(name.substring(0, name.lastIndexOf('_') + 1)
                                    + UUID.randomUUID().toString().replace("-", ""))
                            .build());
        }
    }

    private static RouteDefinition retrying(RouteDefinition route, BigQuerySettings settings) {
        // a failure that outlasts the retries is named and logged once, by the sync route
        route.errorHandler(new DefaultErrorHandlerBuilder().logExhausted(false));
        route.onException(Exception.class)
                .onWhen(TRANSIENT)
                .maximumRedeliveries(Math.max(0, settings.retryMaxAttempts() - 1))
                .redeliveryDelay(settings.retryInitialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .maximumRedeliveryDelay(settings.retryMaxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false)
                // a statement tried again is a new job: BigQuery refuses a job id it has seen
                .onRedelivery(BigQueryCallRoutes::newJobId)
                .end();
        return route;
    }

    private static final Predicate TRANSIENT = new Predicate() {
        @Override
        public boolean matches(Exchange exchange) {
            Throwable caught = caught(exchange);
            return caught != null && (BigQueryFailures.retryable(caught)
                    || BigQueryFailures.transientRowErrors(String.valueOf(caught.getMessage())));
        }

        @Override
        public String toString() {
            return "transient BigQuery failure";
        }
    };
}
