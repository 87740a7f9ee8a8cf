package io.freshdeskbigquery.sync.cursor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.WriteBatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The one place a stream's cursor moves, always after the rows up to it were written: on the stream's writer thread,
 * once a batch is written, it decides whether the cursor state the batch carries ({@link WriteBatch#cursor()}, taken
 * when the batch was handed over: {@code GatherRows} says how far the pages read take it) is saved now, which the route
 * ({@value #ENDPOINT}) then sends to the sink and {@link NoteCursorSaved} records. The destination's
 * commits may be costly (BigQuery: a DML job each): within a run one is made at most every
 * {@code bigquery.commit.interval}, and the run's last batch always commits. A cursor and boundary keys equal to the
 * last ones saved are not written again ({@link SyncStateRepository}).
 */
@ApplicationScoped
public class CommitCursor implements Processor {

    /** The route that commits the cursor a written batch carries, on the stream's writer thread. */
    public static final String ENDPOINT = "direct:commit-cursor";

    /** The variable holding the state the sink is to save ({@code Sink.SAVE_STATE}), when the cursor moved. */
    public static final String TO_SAVE = "cursorToSave";

    /** Exchange property: the batch handed over now is the run's last (after its loop, also when the loop stopped early). */
    public static final String FINAL = "finalCursorCommit";

    @Inject
    SyncStateRepository syncState;
    @Inject
    Instance<Destination> destination;

    @Override
    public void process(Exchange exchange) {
        exchange.removeVariable(TO_SAVE);
        WriteBatch batch = exchange.getProperty(WriteBatch.PROPERTY, WriteBatch.class);
        if (batch == null || batch.cursor() == null || syncState.isSaved(batch.cursor())) {
            // no page took the cursor anywhere yet, or it is saved already (the batch before carried the same state)
            return;
        }
        if (!batch.last() && !RunExchange.run(exchange).commitDue(destination.get().commitInterval())) {
            // this one waits for a later batch or the run's end; the rows stay written, and a crash meanwhile only
            // re-reads them
            return;
        }
        exchange.setVariable(TO_SAVE, batch.cursor());
    }
}
