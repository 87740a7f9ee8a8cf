package io.freshdeskbigquery.destination.bigquery;

import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.Sink;
import org.apache.camel.builder.RouteBuilder;

/**
 * The BigQuery sink, as routes. Each entry point ({@code <prefix>-<what>}, {@link Sink}) runs its steps and hands a
 * failure back to the sync route as a {@link DestinationException} naming what failed. One route builder a concern,
 * each with the diagram of its steps:
 *
 * <pre>
 * {@link BigQuerySchemaRoutes}    -prepare, -custom-fields: the dataset's and the stream's tables, and the custom-field
 *                           view, made when missing (direct:bigquery-dataset, direct:bigquery-ddl-list)
 * {@link BigQueryStateRoutes}     -read-states, -load-state, -save-state: the cursors in _sync_state
 * {@link BigQueryWriteRoutes}     -write, -reject: rows into {@code <stream>_changes} and _rejected, by insertAll
 * {@link BigQueryMergeRoutes}     -merge: the history into the current table, one MERGE when something may be new
 * {@link BigQueryVanishedRoutes}  -mark-vanished: the rows gone from a list read whole, and back
 * {@link BigQueryStatusDurationsRoutes} -status-durations: the view of the time each ticket spent in each status
 * {@link BigQueryCallRoutes}      every BigQuery call: direct:bigquery-insert (insertAll) and direct:bigquery-sql
 *                           (a statement, one job per attempt), retried when transient
 * </pre>
 * Every BigQuery call goes through one of the two retried routes ({@code bigquery-insert}, {@code bigquery-sql-*}):
 * transient failures (5xx, {@code backendError}, {@code rateLimitExceeded}, quota, a table not yet visible to
 * streaming, DML that lost a race) are retried by Camel's redelivery with exponential backoff and jitter
 * ({@code bigquery.retry.*}), the only retry layer (the client tries once); anything else goes straight back.
 * <p>
 * The statements are {@link BigQuerySql}'s; what the routes remember between calls is the {@link BigQueryDestination}'s.
 * <p>
 * Abstract, so that Camel's route discovery leaves it alone: the application's instance is {@link BigQuerySinkRoutes},
 * active only when {@code destination.type=bigquery}. The route builders it adds are package-private for the same
 * reason.
 */
public abstract class BigQueryRoutes extends RouteBuilder {

    private BigQueryDestination destination;
    private String prefix;

    /** For CDI ({@link BigQuerySinkRoutes}), which calls {@link #use} before {@link #configure}. */
    protected BigQueryRoutes() {
    }

    /** Routes that write through the destination; the entry points are {@code <prefix>-<what>} ({@link Sink}). */
    protected BigQueryRoutes(BigQueryDestination destination, String prefix) {
        use(destination, prefix);
    }

    protected final void use(BigQueryDestination destination, String prefix) {
        this.destination = destination;
        this.prefix = prefix;
    }

    @Override
    public void configure() throws Exception {
        // @formatter:off
        getContext().addRoutes(new BigQuerySchemaRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryStateRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryWriteRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryMergeRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryVanishedRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryStatusDurationsRoutes(destination, prefix));
        getContext().addRoutes(new BigQueryCallRoutes(destination, prefix));
        // @formatter:on
    }
}
