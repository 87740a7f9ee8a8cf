package io.freshdeskbigquery.destination.bigquery;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.RejectedRecord;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.destination.SyncState;
import io.freshdeskbigquery.destination.WriteResult;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Test only: one loader process's BigQuery sink, without Quarkus: a Camel context running {@link BigQueryRoutes} over
 * a fresh {@link BigQueryDestination} (nothing remembered from another process), called through the {@link Sink}
 * endpoints exactly as the sync route calls them.
 */
public final class BigQueryProcess implements AutoCloseable {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final BigQueryDestination destination;
    private final ProducerTemplate producer;

    public BigQueryProcess(BigQuerySettings settings) {
        destination = new BigQueryDestination(settings, BigQueryClients.client(settings), camel,
                new BoundaryKeys(new ObjectMapper()));
        try {
            camel.addRoutes(new BigQueryRoutes(destination, Sink.PREFIX) {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        camel.start();
        producer = camel.createProducerTemplate();
    }

    public String describe() {
        return destination.describe();
    }

    public void prepare(StreamTable table) {
        call(Sink.PREPARE, table, null);
    }

    public Optional<SyncState> loadState(String stream) {
        return Optional.ofNullable((SyncState) call(Sink.LOAD_STATE, new StreamTable(stream, List.of()), null));
    }

    /** What {@code sync.once} does before its runs: every named stream's state read at once. */
    public void readStates(List<String> streams) {
        call(Sink.READ_STATES, null, streams);
    }

    public void saveState(SyncState state) {
        call(Sink.SAVE_STATE, new StreamTable(state.stream(), List.of()), state);
    }

    public void reject(RejectedRecord record) {
        call(Sink.REJECT, null, record);
    }

    public WriteResult write(StreamTable table, List<Row> rows, String runId) {
        return (WriteResult) call(Sink.WRITE, table, rows, runId);
    }

    public WriteResult mergeCurrent(StreamTable table, String runId) {
        return (WriteResult) call(Sink.MERGE, table, null, runId);
    }

    private Object call(String endpoint, StreamTable table, Object body) {
        return call(endpoint, table, body, "test-run");
    }

    /** The endpoint's answer; its failure as the sync route would get it. */
    private Object call(String endpoint, StreamTable table, Object body, String runId) {
        Exchange exchange = producer.send(endpoint, e -> {
            if (table != null) {
                e.setProperty(Sink.TABLE, table);
            }
            e.setProperty(Sink.RUN_ID, runId);
            e.getMessage().setBody(body);
        });
        if (exchange.getException() instanceof DestinationException failed) {
            throw failed;
        }
        if (exchange.getException() != null) {
            throw new IllegalStateException("not a DestinationException", exchange.getException());
        }
        return exchange.getMessage().getBody();
    }

    @Override
    public void close() {
        camel.stop();
    }
}
