package io.freshdeskbigquery.sync;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationConfig;
import io.freshdeskbigquery.destination.Row;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.simulator.SimulatorSettings;
import io.freshdeskbigquery.sync.page.RowMapper;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB writer alone: simulated tickets mapped to rows as the sync maps them ({@link RowMapper}), written in
 * batches of {@code benchmark.batch-rows} (default 2,000, the shipped {@code sync.write.batch-rows}) into a fresh file
 * with the shipped DuckDB settings (or {@code benchmark.checkpoint-threshold}, {@code benchmark.row-group-size},
 * {@code benchmark.duckdb-threads}), on one thread. Prints the rows a second and CPU per row, per 100k rows written (does it grow with the table?).
 * {@code ./mvnw test -Pbenchmark -Dtest=DuckDbWriteBenchmark -Dbenchmark.tickets=200000}
 */
class DuckDbWriteBenchmark {

    static final int TICKETS = Integer.getInteger("benchmark.tickets", 200_000);
    static final int BATCH = Integer.getInteger("benchmark.batch-rows", 2_000);

    @Test
    void writeTickets() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SimulatedFreshdesk simulator = new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withTickets(TICKETS)
                .withContacts(10)
                .withCompanies(10)
                .withUnlimitedRate(), Clock.systemUTC(), json);
        StreamRun run = new StreamRun(FreshdeskCatalogue.TICKETS, "benchmark", Instant.EPOCH);
        RowMapper mapper = new RowMapper();
        List<Row> rows = new ArrayList<>(TICKETS);
        for (Map<String, Object> ticket : simulator.snapshot("tickets")) {
            String raw = json.writeValueAsString(ticket);
            rows.add(mapper.map(run, json.readTree(raw), raw.getBytes(StandardCharsets.UTF_8)));
        }
        Path dir = Files.createTempDirectory("duckdb-write");
        var thread = ManagementFactory.getThreadMXBean();
        // the shipped settings, but -Dbenchmark.checkpoint-threshold, -Dbenchmark.duckdb-threads, -Dbenchmark.row-group-size
        DuckDbDestination.Settings settings = DuckDbDestination.Settings.defaults(dir.resolve("f.duckdb").toString())
                .withCheckpointThreshold(System.getProperty("benchmark.checkpoint-threshold",
                        DestinationConfig.Duckdb.DEFAULT_CHECKPOINT_THRESHOLD))
                .withThreads(OptionalInt
                        .of(Integer.getInteger("benchmark.duckdb-threads", DestinationConfig.Duckdb.DEFAULT_THREADS)))
                .withRowGroupSize(Integer.getInteger("benchmark.row-group-size",
                        DestinationConfig.Duckdb.DEFAULT_ROW_GROUP_SIZE));
        try (DuckDbDestination duckDb = new DuckDbDestination(settings, new BoundaryKeys(json))) {
            duckDb.prepare(FreshdeskCatalogue.TICKETS.table());
            System.out.printf("%n%s%n", duckDb.describe());
            System.out.printf("%nDuckDB writer: %,d tickets (about %,d bytes of JSON each), batches of %,d rows%n",
                    rows.size(),
                    rows.stream().mapToLong(r -> r.recordUtf8().length).sum() / rows.size(), BATCH);
            long started = System.nanoTime();
            long cpuStarted = thread.getCurrentThreadCpuTime();
            long segmentStart = started;
            long segmentCpu = cpuStarted;
            int batches = 0;
            for (int from = 0; from < rows.size(); from += BATCH) {
                duckDb.write(FreshdeskCatalogue.TICKETS.table(),
                        rows.subList(from, Math.min(rows.size(), from + BATCH)),
                        "benchmark");
                int done = Math.min(rows.size(), from + BATCH);
                // the current table brought up to date as a run does: every merge-every-batches batches, and at the end
                if (++batches % duckDb.mergeEveryBatches() == 0 || done == rows.size()) {
                    duckDb.merge(FreshdeskCatalogue.TICKETS.table());
                }
                if (done % 100_000 < BATCH || done == rows.size()) {
                    long now = System.nanoTime();
                    long cpu = thread.getCurrentThreadCpuTime();
                    int segment = done % 100_000 == 0 ? 100_000 : done % 100_000;
                    System.out.printf("  rows %,9d: %,8.0f rows/s, %5.1f µs of this thread's CPU a row%n", done,
                            segment / ((now - segmentStart) / 1e9), (cpu - segmentCpu) / 1e3 / segment);
                    segmentStart = now;
                    segmentCpu = cpu;
                }
            }
            System.out.printf("  in all:     %,8.0f rows/s, %5.1f µs of this thread's CPU a row%n",
                    rows.size() / ((System.nanoTime() - started) / 1e9),
                    (thread.getCurrentThreadCpuTime() - cpuStarted) / 1e3 / rows.size());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
