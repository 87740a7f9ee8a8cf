package io.freshdeskbigquery.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.bigquery.BigQueryWireMock;
import io.freshdeskbigquery.destination.bigquery.FakeBigQuery;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * Does a slow BigQuery hold the loader back? A tickets backfill of {@code benchmark.tickets} simulated tickets (default
 * 40,000: 400 pages, two minutes at the limit) at Freshdesk Enterprise's tickets-list limit, 200 requests a minute
 * (the simulated account enforces it with 429s; the loader is set to use all of it), into the BigQuery stand-in made
 * slow like the real thing: every query job takes {@code benchmark.job-latency-ms} (default 1,500 ms; DML on one table
 * queues behind the DML before it) and every insertAll {@code benchmark.insert-latency-ms} (default 200 ms). Prints
 * the pages a minute achieved against the limit, the time spent waiting on BigQuery, and the jobs, requests and bytes
 * (streamed; billed for queries, as {@link FakeBigQuery} estimates them) the backfill and a quiet second run cost. Run with {@code ./mvnw test -Pbenchmark -Dtest=BigQueryPaceBenchmark}.
 */
@QuarkusTest
@TestProfile(BigQueryPaceBenchmark.EnterpriseLimit.class)
@WithTestResource(value = BigQueryWireMock.class, initArgs = {
        @ResourceArg(name = BigQueryWireMock.MERGE_EVERY_BATCHES, value = "500"),
        @ResourceArg(name = BigQueryWireMock.COMMIT_INTERVAL, value = "30s"),
        @ResourceArg(name = BigQueryWireMock.BATCH_ROWS, value = "2000"),
        @ResourceArg(name = BigQueryWireMock.JOB_LATENCY_MS, value = "1500"),
        @ResourceArg(name = BigQueryWireMock.INSERT_LATENCY_MS, value = "200")})
class BigQueryPaceBenchmark {

    static final int TICKETS = Integer.getInteger("benchmark.tickets", 40_000);
    static final int LIST_LIMIT = 200;

    public static class EnterpriseLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("simulator.enabled", "true"),
                    Map.entry("simulator.tickets", Integer.toString(TICKETS)),
                    Map.entry("simulator.contacts", "10"),
                    Map.entry("simulator.companies", "10"),
                    Map.entry("simulator.credits-per-minute", "700"),
                    Map.entry("simulator.tickets-list-per-minute", Integer.toString(LIST_LIMIT)),
                    Map.entry("simulator.mutations.every-requests", "0"),
                    Map.entry("freshdesk.rate-limit.share", "1.0"),
                    Map.entry("freshdesk.rate-limit.per-minute", "700"),
                    Map.entry("freshdesk.rate-limit.tickets-list-per-minute", Integer.toString(LIST_LIMIT)),
                    Map.entry("sync.schedule", "0 0 0 1 1 ? 2099"));
        }
    }

    @Inject
    ProducerTemplate producer;
    @Inject
    SyncRuns runs;
    @Inject
    SimulatedFreshdesk simulator;

    FakeBigQuery bigQuery;

    static String mb(long bytes) {
        return String.format("%,.1f MB", bytes / 1024.0 / 1024.0);
    }

    @Test
    void ticketsBackfillKeepsThePaceOfTheListLimit() {
        bigQuery.jobLatency = Duration.ofMillis(Long.getLong("benchmark.job-latency-ms", 1_500));
        bigQuery.insertLatency = Duration.ofMillis(Long.getLong("benchmark.insert-latency-ms", 200));
        long requestsBefore = simulator.requestCount();
        long limitedBefore = simulator.rateLimitedCount();
        // when the first and the last page were asked for (the tables' DDL before and the last write after are not
        // the paging's pace)
        long[] firstAndLast = {0, 0};
        ScheduledExecutorService watch = Executors
                .newSingleThreadScheduledExecutor();
        long[] seen = {requestsBefore};
        watch.scheduleAtFixedRate(() -> {
            long now = simulator.requestCount();
            if (now != seen[0]) {
                seen[0] = now;
                firstAndLast[0] = firstAndLast[0] == 0 ? System.nanoTime() : firstAndLast[0];
                firstAndLast[1] = System.nanoTime();
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        producer.sendBody("direct:sync-tickets", null);
        double minutes = (System.nanoTime() - start) / 60e9;
        watch.shutdownNow();
        double pagingMinutes = (firstAndLast[1] - firstAndLast[0]) / 60e9;
        SyncOutcome outcome = runs.last("tickets").orElseThrow();
        long requests = simulator.requestCount() - requestsBefore - (simulator.rateLimitedCount() - limitedBefore);
        List<FakeBigQuery.Insert> inserts = bigQuery.insertsInto("tickets_changes");
        long jobs = bigQuery.statements.size();
        long dml = bigQuery.queries.stream().filter(q -> q.startsWith("MERGE") || q.startsWith("UPDATE")).count();

        System.out
                .printf("%nBENCHMARK tickets backfill at the Enterprise list limit into a slow BigQuery (stand-in)%n");
        System.out.printf(
                "  BigQuery latency             %d ms a query job (DML queued per table), %d ms an insertAll%n",
                bigQuery.jobLatency.toMillis(), bigQuery.insertLatency.toMillis());
        System.out.printf("  outcome                      %s: %s%n", outcome.status(), outcome.message());
        System.out.printf(
                "  pages (successful requests)  %d, the first to the last in %.2f min: %.0f a minute, %.0f%% of the limit of %d"
                        + " (the whole run, tables' DDL and last write included: %.2f min)%n",
                requests, pagingMinutes,
                (requests - 1) / pagingMinutes, 100 * (requests - 1) / pagingMinutes / LIST_LIMIT, LIST_LIMIT, minutes);
        System.out.printf("  429s                         %d%n", simulator.rateLimitedCount() - limitedBefore);
        System.out.printf("  waited on BigQuery           %.1f s in all (on the writer's thread, beside the paging)%n",
                bigQuery.waitedMillis.get() / 1000.0);
        System.out.printf(
                "  backfill cost                %d insertAll requests (%s streamed), %d query jobs (%d DML: MERGEs of"
                        + " the current table and cursor commits), %s billed for queries (estimate)%n",
                inserts.size(),
                mb(bigQuery.streamedBytes.get()), jobs, dml, mb(bigQuery.queryBytesBilled.get()));

        int jobsBefore = bigQuery.statements.size();
        int insertsBefore = bigQuery.inserts.size();
        long streamedBefore = bigQuery.streamedBytes.get();
        long billedBefore = bigQuery.queryBytesBilled.get();
        producer.sendBody("direct:sync-tickets", null);
        System.out.printf(
                "  quiet run (nothing new)      %d insertAll requests (%s streamed), %d query jobs, %s billed for"
                        + " queries (estimate)%n",
                bigQuery.inserts.size() - insertsBefore, mb(bigQuery.streamedBytes.get() - streamedBefore),
                bigQuery.statements.size() - jobsBefore, mb(bigQuery.queryBytesBilled.get() - billedBefore));
    }
}
