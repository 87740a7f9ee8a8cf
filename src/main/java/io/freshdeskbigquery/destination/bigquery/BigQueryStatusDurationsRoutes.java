package io.freshdeskbigquery.destination.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.freshdeskbigquery.destination.Sink;
import org.apache.camel.Exchange;

/**
 * The view of the time each ticket spent in each status, at the end of a ticket activities run:
 *
 * <pre>
 * -status-durations (the ticket activities' tables)
 *   CREATE OR REPLACE VIEW ticket_status_durations (classpath:bigquery/status-durations.sql, its table names filled
 *     in) over the activities' current table, one DDL job → direct:bigquery-sql
 * </pre>
 */
final class BigQueryStatusDurationsRoutes extends SinkRouteBuilder {

    static final String STATEMENT_FILE = "bigquery/status-durations.sql";

    BigQueryStatusDurationsRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        entry("status-durations", "direct:bigquery-status-durations-steps",
                "Cannot make the view " + Sink.STATUS_DURATIONS_VIEW + " of stream %s");
        from("direct:bigquery-status-durations-steps").routeId("bigquery-status-durations-steps")
                .errorHandler(noErrorHandler())
                .process(this::viewDdl)
                .to(SQL);
        // @formatter:on
    }

    private void viewDdl(Exchange exchange) {
        sql(exchange, ddl(destination.sql(), table(exchange).currentTable()), "freshdesk_");
    }

    /** The statement file with the view's and the activities' table names filled in. */
    static String ddl(BigQuerySql sql, String activities) {
        try (InputStream in = BigQueryStatusDurationsRoutes.class.getClassLoader()
                .getResourceAsStream(STATEMENT_FILE)) {
            if (in == null) {
                throw new IllegalStateException(STATEMENT_FILE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${view}", sql.table(Sink.STATUS_DURATIONS_VIEW))
                    .replace("${activities}", sql.table(activities))
                    .trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATEMENT_FILE, e);
        }
    }
}
