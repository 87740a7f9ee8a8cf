package io.freshdeskbigquery.sync.write;

import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * A run that ends in failure got as far as its tables (its cursor was read): the history may hold rows the current table
 * has not taken, the batches this run wrote since its last merge (also when a later write failed: the batches before it
 * are written) or those of an earlier run that was stopped, or whose merge failed, between its writes and its merge. A
 * merge brings them in: the destination's merge takes whatever the history holds beyond its merge mark
 * ({@code _merge_state}, BigQuery: {@code _sync_state.merged_through}), and finds nothing to do cheaply when there is
 * none (BigQuery: no job when the cursor's row says no write went past the mark).
 */
public class HistoryMayBeAhead implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return RunExchange.run(exchange) != null;
    }

    @Override
    public String toString() {
        return "historyMayBeAhead";
    }
}
