package io.freshdeskbigquery.sync.cursor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.sync.run.RunExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The sink saved the state {@link CommitCursor} chose: the run's cursor is there now, and the repository knows it. */
@ApplicationScoped
public class NoteCursorSaved implements Processor {

    @Inject
    SyncStateRepository syncState;

    @Override
    public void process(Exchange exchange) {
        SyncState saved = exchange.getVariable(CommitCursor.TO_SAVE, SyncState.class);
        syncState.committed(saved);
        RunExchange.run(exchange).cursorCommitted(saved.cursor());
        exchange.removeVariable(CommitCursor.TO_SAVE);
    }
}
