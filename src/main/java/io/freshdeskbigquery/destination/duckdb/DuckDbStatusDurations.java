package io.freshdeskbigquery.destination.duckdb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.DestinationType;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@link Sink#STATUS_DURATIONS} in DuckDB, when {@code destination.type=duckdb}: the view of the time each ticket spent
 * in each status, made anew over the ticket activities' current table.
 */
@ApplicationScoped
public class DuckDbStatusDurations extends RouteBuilder {

    @Inject
    DestinationConfig config;
    @Inject
    Instance<Destination> destination;

    @Override
    public void configure() {
        // @formatter:off
        if (!config.selects(DestinationType.DUCKDB)) {
            return;
        }
        from(Sink.STATUS_DURATIONS).routeId("duckdb-status-durations").errorHandler(noErrorHandler())
                .process(this::makeView);
        // @formatter:on
    }

    void makeView(Exchange exchange) {
        ((DuckDbDestination) destination.get())
                .execute(ddl(exchange.getProperty(Sink.TABLE, StreamTable.class).currentTable()));
    }

    /**
     * Per ticket, its activities that set a status in their order ({@code performed_at}, then the export's day and the
     * activity's place in it, for those of one second); a status set again while the ticket is in it starts no new
     * stay. Each stay lasts until the next one starts; the ticket's current status has no {@code left}.
     */
    static String ddl(String activities) {
        String table = "\"" + activities.replace("\"", "\"\"") + "\"";
        return "CREATE OR REPLACE VIEW \"" + Sink.STATUS_DURATIONS_VIEW + "\" AS\n"
                + "WITH status_set AS (\n"
                + "    SELECT ticket_id, status, performed_at, export_day, export_position,\n"
                + "           lag(status) OVER (PARTITION BY ticket_id ORDER BY performed_at, export_day,"
                + " export_position) AS previous_status\n"
                + "    FROM " + table + "\n"
                + "    WHERE ticket_id IS NOT NULL AND status IS NOT NULL AND performed_at IS NOT NULL\n"
                + "), stays AS (\n"
                + "    SELECT ticket_id, status, performed_at AS entered,\n"
                + "           lead(performed_at) OVER (PARTITION BY ticket_id ORDER BY performed_at, export_day,"
                + " export_position) AS \"left\"\n"
                + "    FROM status_set\n"
                + "    WHERE previous_status IS NULL OR previous_status <> status\n"
                + ")\n"
                + "SELECT ticket_id, status, entered, \"left\", date_diff('second', entered, \"left\") AS seconds"
                + " FROM stays";
    }
}
