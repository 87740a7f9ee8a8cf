package io.freshdeskbigquery.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import org.apache.camel.ProducerTemplate;

/** What the end-to-end tests over the built-in simulator share: running a stream, and both sides' data. */
public abstract class SimulatorTestSupport {

    @Inject
    protected ProducerTemplate producer;
    @Inject
    protected Destination destination;
    @Inject
    protected SyncRuns runs;
    @Inject
    protected SimulatedFreshdesk simulator;

    /**
     * The configuration of a test that syncs a simulated account of this size: no request limits on either side,
     * no changes while it is read (a test arms them), and runs only when the test starts them.
     */
    public static Map<String, String> simulatedAccount(int tickets, int contacts, int companies) {
        Map<String, String> config = new HashMap<>();
        config.put("simulator.enabled", "true");
        config.put("simulator.tickets", Integer.toString(tickets));
        config.put("simulator.contacts", Integer.toString(contacts));
        config.put("simulator.companies", Integer.toString(companies));
        config.put("simulator.credits-per-minute", "0");
        config.put("simulator.tickets-list-per-minute", "0");
        config.put("simulator.contacts-list-per-minute", "0");
        config.put("simulator.mutations.every-requests", "0");
        config.put("freshdesk.rate-limit.per-minute", "20000");
        config.put("freshdesk.rate-limit.tickets-list-per-minute", "20000");
        config.put("freshdesk.rate-limit.contacts-list-per-minute", "20000");
        config.put("sync.schedule", "0 0 0 1 1 ? 2099");
        return config;
    }

    /** {@link #simulatedAccount} with these keys added or changed. */
    public static Map<String, String> simulatedAccount(int tickets, int contacts, int companies,
            Map<String, String> more) {
        Map<String, String> config = simulatedAccount(tickets, contacts, companies);
        config.putAll(more);
        return config;
    }

    protected SyncOutcome sync(String stream) {
        producer.sendBody("direct:sync-" + stream, null);
        return runs.last(stream).orElseThrow();
    }

    protected DuckDbDestination db() {
        return (DuckDbDestination) destination;
    }

    /** The simulator's records: id to updated_at. */
    protected Map<Long, Instant> source(String stream) {
        Map<Long, Instant> records = new HashMap<>();
        for (Map<String, Object> record : simulator.snapshot(stream)) {
            records.put(((Number) record.get("id")).longValue(), Instant.parse(record.get("updated_at").toString()));
        }
        return records;
    }

    /** The current table: id to updated_at (of the live rows, where deletions are flagged). */
    protected Map<Long, Instant> loaded(String stream) {
        Map<Long, Instant> rows = new HashMap<>();
        boolean flagsDeletions = FreshdeskCatalogue.require(stream)
                .table()
                .columns()
                .stream()
                .anyMatch(c -> c.name().equals(FreshdeskStream.DELETED_AT));
        for (Map<String, Object> row : db().query("SELECT id, updated_at FROM " + stream
                + (flagsDeletions ? " WHERE _deleted_at IS NULL" : ""))) {
            rows.put((Long) row.get("id"), ((OffsetDateTime) row.get("updated_at")).toInstant());
        }
        return rows;
    }
}
