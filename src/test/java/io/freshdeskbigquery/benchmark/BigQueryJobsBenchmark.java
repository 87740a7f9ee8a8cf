package io.freshdeskbigquery.benchmark;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.bigquery.BigQueryWireMock;
import io.freshdeskbigquery.destination.bigquery.FakeBigQuery;
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
 * What a tickets backfill asks of BigQuery: a sync of {@code benchmark.tickets} simulated tickets (default 30,000)
 * into the WireMock stand-in of BigQuery ({@link FakeBigQuery}), with {@code bigquery.merge.every-batches} =
 * {@value #MERGE_EVERY}. Prints the insertAll requests and rows, and the query jobs by kind: the MERGEs into the
 * current table (each one scans it, so they are what costs), the cursor commits, the other statements. Then a
 * second run with nothing new, and the bytes streamed and billed as the stand-in estimates them. Not part of {@code ./mvnw verify}; run it with {@code ./mvnw test -Pbenchmark}
 * (see BENCHMARKS.md). Counts, not BigQuery timings: the stand-in answers at once.
 */
@QuarkusTest
@TestProfile(BigQueryJobsBenchmark.Backfill.class)
@WithTestResource(value = BigQueryWireMock.class, initArgs = {
        @ResourceArg(name = BigQueryWireMock.MERGE_EVERY_BATCHES, value = "" + BigQueryJobsBenchmark.MERGE_EVERY),
        // the shipped default
        @ResourceArg(name = BigQueryWireMock.COMMIT_INTERVAL, value = "30s"),
        @ResourceArg(name = BigQueryWireMock.BATCH_ROWS, value = "2000")})
class BigQueryJobsBenchmark {

    static final int TICKETS = Integer.getInteger("benchmark.tickets", 30_000);
    static final int MERGE_EVERY = 100;

    public static class Backfill implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("simulator.enabled", "true"),
                    Map.entry("simulator.tickets", Integer.toString(TICKETS)),
                    Map.entry("simulator.contacts", "10"),
                    Map.entry("simulator.companies", "10"),
                    Map.entry("simulator.credits-per-minute", "0"),
                    Map.entry("simulator.tickets-list-per-minute", "0"),
                    Map.entry("simulator.mutations.every-requests", "0"),
                    Map.entry("freshdesk.rate-limit.per-minute", "100000"),
                    Map.entry("freshdesk.rate-limit.tickets-list-per-minute", "100000"),
                    Map.entry("sync.schedule", "0 0 0 1 1 ? 2099"));
        }
    }

    @Inject
    ProducerTemplate producer;
    @Inject
    SyncRuns runs;

    FakeBigQuery bigQuery;

    /** insertAll requests come in groups of bigquery.insert.max-rows per batch: a batch ends with a shorter request. */
    static long batches(List<FakeBigQuery.Insert> inserts) {
        int max = inserts.stream().mapToInt(i -> i.rows().size()).max().orElse(0);
        return inserts.stream().filter(i -> i.rows().size() < max).count()
                + (inserts.get(inserts.size() - 1).rows().size() == max ? 1 : 0);
    }

    @Test
    void ticketsBackfillIntoBigQuery() {
        long start = System.nanoTime();
        producer.sendBody("direct:sync-tickets", null);
        double seconds = (System.nanoTime() - start) / 1e9;
        SyncOutcome outcome = runs.last("tickets").orElseThrow();
        List<FakeBigQuery.Insert> inserts = bigQuery.insertsInto("tickets_changes");
        long rows = inserts.stream().mapToLong(i -> i.rows().size()).sum();
        long currentMerges = bigQuery.statements("MERGE `test-project.freshdesk_test.tickets` ").size();
        long stateCommits = bigQuery.statements("MERGE `test-project.freshdesk_test._sync_state` ").size();
        long selects = bigQuery.statements("SELECT").size();
        long other = bigQuery.queries.size() - currentMerges - stateCommits - selects;
        int pages = outcome.message().matches(".* in (\\d+) pages.*")
                ? Integer.parseInt(outcome.message().replaceAll(".* in (\\d+) pages.*", "$1"))
                : inserts.size();

        System.out.printf(
                "%nBENCHMARK tickets backfill into BigQuery (stand-in), %d tickets, bigquery.merge.every-batches=%d%n",
                TICKETS, MERGE_EVERY);
        System.out.printf("  outcome                      %s: %s%n", outcome.status(), outcome.message());
        System.out.printf("  insertAll requests / rows    %d / %d (%.1f rows a request)%n", inserts.size(), rows,
                (double) rows / inserts.size());
        System.out.printf("  pages / batches              %d / %d (sync.write.batch-rows=2000)%n", pages,
                inserts.stream()
                        .map(FakeBigQuery.Insert::table)
                        .count() == 0 ? 0 : batches(inserts));
        System.out.printf("  MERGEs into the current table %d (%.2f per 1,000 tickets; one per page would be %d)%n",
                currentMerges, currentMerges * 1000.0 / TICKETS, pages);
        System.out.printf(
                "  cursor commits (DML)         %d (after the first batch, at most every bigquery.commit.interval=30s,"
                        + " and at the end; one per page would be %d)%n",
                stateCommits, pages);
        System.out.printf("  SELECTs / other statements   %d / %d%n", selects, other);
        System.out.printf(
                "  bytes                        %,.1f MB streamed, %,.1f MB billed for queries (the stand-in's estimate:"
                        + " whole tables, 10 MB at least a table)%n",
                bigQuery.streamedBytes.get() / 1048576.0,
                bigQuery.queryBytesBilled.get() / 1048576.0);
        System.out.printf("  elapsed                      %.1f s (the stand-in answers at once)%n", seconds);

        int queriesBefore = bigQuery.queries.size();
        producer.sendBody("direct:sync-tickets", null);
        List<String> quiet = bigQuery.queries.subList(queriesBefore, bigQuery.queries.size());
        System.out.printf(
                "  a second run, nothing new    %d statements: %d MERGE into the current table, %d cursor commits%n",
                quiet.size(),
                quiet.stream().filter(q -> q.startsWith("MERGE `test-project.freshdesk_test.tickets` ")).count(),
                quiet.stream().filter(q -> q.startsWith("MERGE `test-project.freshdesk_test._sync_state` ")).count());
    }
}
