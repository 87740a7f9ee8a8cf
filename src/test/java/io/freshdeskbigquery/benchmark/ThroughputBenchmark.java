package io.freshdeskbigquery.benchmark;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * How well the loader spends a request budget: a tickets backfill from the simulator, whose account allows
 * {@code benchmark.budget} requests a minute (default 300), with the loader set to use all of it. Prints
 * requests per record, the request rate achieved against the budget, and the 429s received. Not part of
 * {@code ./mvnw verify}; run it with {@code ./mvnw test -Pbenchmark} (see BENCHMARKS.md).
 */
@QuarkusTest
@TestProfile(ThroughputBenchmark.Budget.class)
class ThroughputBenchmark {

    static final int BUDGET = Integer.getInteger("benchmark.budget", 300);
    static final int MINUTES = Integer.getInteger("benchmark.minutes", 2);

    public static class Budget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("simulator.enabled", "true"),
                    // enough tickets for the budget of MINUTES minutes
                    Map.entry("simulator.tickets", Integer.toString(BUDGET * 100 * MINUTES)),
                    Map.entry("simulator.contacts", "10"),
                    Map.entry("simulator.companies", "10"),
                    Map.entry("simulator.credits-per-minute", Integer.toString(BUDGET)),
                    Map.entry("simulator.tickets-list-per-minute", "0"),
                    Map.entry("simulator.mutations.every-requests", "0"),
                    Map.entry("freshdesk.rate-limit.share", "1.0"),
                    Map.entry("freshdesk.rate-limit.tickets-list-per-minute", Integer.toString(BUDGET)),
                    Map.entry("sync.schedule", "0 0 0 1 1 ? 2099"),
                    Map.entry("destination.duckdb.path", "target/benchmark/" + UUID.randomUUID() + ".duckdb"));
        }
    }

    @Inject
    ProducerTemplate producer;
    @Inject
    SyncRuns runs;
    @Inject
    SimulatedFreshdesk simulator;

    @Test
    void ticketsBackfillAgainstARequestBudget() {
        long requestsBefore = simulator.requestCount();
        long limitedBefore = simulator.rateLimitedCount();
        long start = System.nanoTime();

        producer.sendBody("direct:sync-tickets", null);

        double seconds = (System.nanoTime() - start) / 1e9;
        SyncOutcome outcome = runs.last("tickets").orElseThrow();
        long requests = simulator.requestCount() - requestsBefore;
        long limited = simulator.rateLimitedCount() - limitedBefore;
        long records = BUDGET * 100L * MINUTES;
        System.out.printf("%nBENCHMARK tickets backfill, budget %d requests/min, %d tickets%n", BUDGET, records);
        System.out.printf("  outcome                  %s: %s%n", outcome.status(), outcome.message());
        System.out.printf("  requests                 %d (429s received: %d)%n", requests, limited);
        System.out.printf("  requests per record      %.4f (ideal 0.01)%n", (double) requests / records);
        System.out.printf("  elapsed                  %.1f s%n", seconds);
        System.out.printf("  budget utilisation       %.1f requests/min achieved = %.0f%% of the budget%n",
                requests / seconds * 60, 100.0 * requests / seconds * 60 / BUDGET);
    }
}
