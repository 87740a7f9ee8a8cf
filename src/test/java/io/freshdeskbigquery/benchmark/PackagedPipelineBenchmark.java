package io.freshdeskbigquery.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.management.OperatingSystemMXBean;
import io.freshdeskbigquery.destination.bigquery.FakeBigQuery;
import io.freshdeskbigquery.simulator.SimulatedFreshdesk;
import io.freshdeskbigquery.simulator.SimulatorSettings;
import io.freshdeskbigquery.testing.SimulatorHttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}: same routes, HTTP client, JSON handling, batching and
 * destination as in production) backfills tickets with {@code sync.once=true} and rate limits off, in a JVM of its
 * own ({@code -Xmx} from {@code benchmark.heap}), and the figures are taken from outside it: records/s, CPU-seconds
 * per 100k records, peak RSS, GC pauses and the heap they found, requests per record, and the time from the start to
 * the first request. Freshdesk is the project's simulator, served here by the JDK's HTTP server; {@code benchmark.freshdesk-url}
 * and {@code benchmark.api-key} point the app at any Freshdesk-compatible server instead.
 *
 * <pre>
 * ./mvnw package -DskipTests
 * ./mvnw test -Pbenchmark -Dtest=PackagedPipelineBenchmark -Dbenchmark.tickets=100000 -Dbenchmark.heap=256m
 * ./mvnw test -Pbenchmark -Dtest=PackagedPipelineBenchmark -Dbenchmark.destination=bigquery-stand-in
 * </pre>
 */
class PackagedPipelineBenchmark {

    static final int TICKETS = Integer.getInteger("benchmark.tickets", 100_000);
    static final String HEAP = System.getProperty("benchmark.heap", "256m");
    /**
     * The garbage collector and its settings as the JVM image's start script ({@code src/main/docker/start-java.sh})
     * passes them with the {@code GC_*} values {@code src/main/docker/Dockerfile.jvm} sets, with the young
     * generation's share the image adds ({@code -XX:NewRatio=1}), so the figures are those of what ships.
     */
    static final String IMAGE_GC_ARGS = "-XX:+UseParallelGC -XX:MinHeapFreeRatio=0 -XX:MaxHeapFreeRatio=100 -XX:GCTimeRatio=99"
            + " -XX:AdaptiveSizePolicyWeight=10 -XX:NewRatio=1";
    /**
     * The JIT's settings {@code src/main/docker/Dockerfile.jvm} adds ({@code JAVA_OPTS_APPEND}): its second tier for
     * code run three times as often as the JVM's own thresholds ask (BenchmarkRunsTheImageFlagsTest keeps the two in step).
     */
    static final String IMAGE_JIT_ARGS = "-XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800"
            + " -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000";
    static final String DESTINATION = System.getProperty("benchmark.destination", "duckdb");
    /**
     * What the tickets list embeds ({@code sync.tickets.include}): none by default, as the app's own default;
     * {@code description} makes the tickets about three times larger (2.7 KB against 0.9 KB).
     */
    static final String INCLUDE = System.getProperty("benchmark.include", "").trim();
    static final Set<String> INCLUDES = INCLUDE.isEmpty()
            ? Set.of()
            : Arrays.stream(INCLUDE.split(","))
                    .map(String::trim)
                    .collect(Collectors.toSet());
    static final String EXTERNAL_URL = System.getProperty("benchmark.freshdesk-url");
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** The JVM the app runs on: this one's unless {@code benchmark.java} names another {@code java} (a JDK 25's, say). */
    static final String JAVA = System.getProperty("benchmark.java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    /**
     * The start's archive that {@code src/main/docker/app-cds-training.sh} left beside the jar, trained on the same
     * {@code java}: {@code app.aot} (JDK 25+'s AOT cache) or {@code app-cds.jsa} (an AppCDS archive, JDK 17-24).
     */
    static final Path AOT_CACHE = JAR.resolveSibling("app.aot");
    static final Path APPCDS_ARCHIVE = JAR.resolveSibling("app-cds.jsa");
    static final String START_ARCHIVE = Files.exists(AOT_CACHE)
            ? "-XX:AOTCache=" + AOT_CACHE.getFileName()
            : Files.exists(APPCDS_ARCHIVE) ? "-XX:SharedArchiveFile=" + APPCDS_ARCHIVE.getFileName() : null;
    /** How often the app's threads' CPU and RSS are read from /proc. */
    static final long SAMPLE_MILLIS = 100;
    /**
     * List requests the simulator's server answers before the timed run ({@code benchmark.server-warmup-requests}), so
     * that it serves the run compiled, as a long-running Freshdesk does, rather than spend its JIT's CPU on the cores the
     * loader is measured on.
     */
    static final int SERVER_WARMUP_REQUESTS = Integer.getInteger("benchmark.server-warmup-requests", 5_000);
    static final Pattern GC_PAUSE = Pattern
            .compile("Pause (Young|Full|Remark|Cleanup).*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void backfillTicketsWithTheRateLimitsOff() throws Exception {
        assertThat(JAR).as("build the app first: ./mvnw package -DskipTests").exists();
        ObjectMapper json = new ObjectMapper();
        double calibration = calibrationMillis(json);
        SimulatedFreshdesk simulator = simulator(TICKETS, json);
        if (EXTERNAL_URL == null) {
            // pages are then served at the cost of a copy: the machine's cores go to the loader being measured
            long rendering = System.nanoTime();
            simulator.prerender("tickets", INCLUDES);
            System.out.printf("simulator: %,d tickets rendered ahead in %.1f s%s%n", TICKETS,
                    (System.nanoTime() - rendering) / 1e9,
                    INCLUDE.isEmpty() ? "" : " (include=" + INCLUDE + ")");
            warmUpServer(json);
        }
        SimulatorHttpServer freshdesk = new SimulatorHttpServer(simulator);
        Path dir = Files.createTempDirectory("freshdesk-benchmark");
        // benchmark.destination=bigquery-stand-in: the BigQuery REST stand-in (FakeBigQuery) in this JVM, answering at once
        FakeBigQuery bigQuery = new FakeBigQuery();
        WireMockServer bigQueryServer = null;
        if (DESTINATION.equals("bigquery-stand-in")) {
            bigQueryServer = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(bigQuery));
            bigQueryServer.start();
            bigQueryServer.stubFor(WireMock.any(WireMock.anyUrl())
                    .willReturn(WireMock.aResponse().withTransformers(FakeBigQuery.NAME)));
        }
        try {
            String baseUrl = EXTERNAL_URL != null ? EXTERNAL_URL : freshdesk.baseUrl();
            String apiKey = EXTERNAL_URL != null
                    ? System.getProperty("benchmark.api-key", "")
                    : simulator.settings().apiKey();
            List<String> command = new ArrayList<>(List.of(JAVA,
                    "-Xmx" + HEAP, "-Xlog:gc:file=" + dir.resolve("gc.log")));
            if (System.getProperty("benchmark.jfr") != null) {
                // a profile of the run, for `jfr print --events jdk.ExecutionSample <file>`
                command.add("-XX:StartFlightRecording=filename="
                        + Path.of(System.getProperty("benchmark.jfr")).toAbsolutePath()
                        + ",settings=profile");
            }
            // the collector the JVM image runs with (start-java.sh with the image's GC_* settings); -Dbenchmark.gc-args= (empty) for the JVM's
            // own choice (G1 on this machine), or other flags
            String gcArgs = System.getProperty("benchmark.gc-args", IMAGE_GC_ARGS).trim();
            if (!gcArgs.isEmpty()) {
                command.addAll(List.of(gcArgs.split("\\s+")));
            }
            // the JIT's settings of the JVM image; -Dbenchmark.jit-args= (empty) for the JVM's own
            String jitArgs = System.getProperty("benchmark.jit-args", IMAGE_JIT_ARGS).trim();
            if (!jitArgs.isEmpty()) {
                command.addAll(List.of(jitArgs.split("\\s+")));
            }
            // -Dbenchmark.jvm-args="-Xlog:class+load:file=/tmp/cl.log:uptime -XX:TieredStopAtLevel=1": more JVM flags for the app
            String jvmArgs = System.getProperty("benchmark.jvm-args", "").trim();
            if (!jvmArgs.isEmpty()) {
                command.addAll(List.of(jvmArgs.split("\\s+")));
            }
            command.addAll(List.of(
                    "-Dquarkus.http.port=0",
                    // Camel's threads named by their job alone, so they tell apart in /proc (15 characters)
                    "-Dcamel.main.thread-name-pattern=#name#",
                    "-Dfreshdesk.base-url=" + baseUrl,
                    "-Dfreshdesk.rate-limit.per-minute=1000000",
                    "-Dfreshdesk.rate-limit.tickets-list-per-minute=1000000",
                    "-Dsync.streams=tickets",
                    // the tickets list alone, as before its deletion lists came with it: figures stay comparable
                    "-Dsync.tickets.deletions=false",
                    "-Dsync.tickets.include=" + INCLUDE,
                    "-Dsync.once=true",
                    "-Ddestination.duckdb.path=" + dir.resolve("freshdesk.duckdb")));
            if (bigQueryServer != null) {
                command.addAll(List.of("-Ddestination.type=bigquery", "-Dbigquery.project-id=benchmark",
                        "-Dbigquery.dataset=freshdesk", "-Dbigquery.host=" + bigQueryServer.baseUrl()));
            } else {
                command.add("-Ddestination.type=" + DESTINATION);
            }
            // as Quarkus says to run it: from its directory, with the start's archive when there is one (the JVM
            // image's: src/main/docker/app-cds-training.sh target/quarkus-app [java], after the package)
            if (START_ARCHIVE != null) {
                command.add(START_ARCHIVE);
            }
            command.addAll(List.of("-jar", JAR.getFileName().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(JAR.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("app.log").toFile());
            // the API key goes by environment, never on a command line
            builder.environment().put("FRESHDESK_API_KEY", apiKey);
            long serverCpuBefore = serverCpuNanos();
            long started = System.nanoTime();
            Process app = builder.start();
            long[] peak = {0, 0}; // RSS high-water mark (kB), CPU ticks
            Map<String, long[]> threads = new HashMap<>(); // tid → CPU ticks (name kept aside)
            Map<String, String> threadNames = new HashMap<>();
            // requests served so far and the CPU ticks by thread kind then, every 100 ms: the CPU a record, tenth by tenth
            // (the sampling reads every thread's /proc entry: 1.4 CPU-seconds of a 1M run at every 50 ms)
            List<Progress> progress = new ArrayList<>();
            while (!app.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                sample(app.pid(), peak);
                sampleThreads(app.pid(), threads, threadNames);
                if (EXTERNAL_URL == null) {
                    progress.add(new Progress(simulator.requestCount(), kindTicks(threads, threadNames)));
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            double serverCpu = (serverCpuNanos() - serverCpuBefore) / 1e9;
            String log = Files.readString(dir.resolve("app.log"));
            if (System.getProperty("benchmark.log") != null) {
                // the app's log, kept for a look at where the time went
                Files.writeString(Path.of(System.getProperty("benchmark.log")), log);
            }
            if (System.getProperty("benchmark.keep-duckdb") != null && Files.exists(dir.resolve("freshdesk.duckdb"))) {
                // the DuckDB file the run wrote, for the DuckDB-only experiments (src/test/python)
                Files.copy(dir.resolve("freshdesk.duckdb"), Path.of(System.getProperty("benchmark.keep-duckdb")),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(app.exitValue()).as("the run failed; its log:\n" + tail(log)).isZero();
            Matcher finished = Pattern.compile("tickets: run \\S+ finished: (\\d+) records").matcher(log);
            assertThat(finished.find()).as(tail(log)).isTrue();
            long records = Long.parseLong(finished.group(1));
            double cpuSeconds = peak[1] / 100.0;
            int pauses = 0;
            int fullPauses = 0;
            long peakHeap = 0;
            for (String line : Files.readAllLines(dir.resolve("gc.log"))) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    pauses++;
                    fullPauses += pause.group(1).equals("Full") ? 1 : 0;
                    peakHeap = Math.max(peakHeap, Long.parseLong(pause.group(2)));
                }
            }
            long requests = EXTERNAL_URL != null ? -1 : simulator.requestCount();
            System.out.printf("%nJVM: %s%n", javaVersion());
            // this machine's speed drifts (up to twice as slow some evenings): figures compare only at a like speed
            System.out.printf("machine speed: %.0f ms for a fixed single-thread JSON workload (lower is faster)%n",
                    calibration);
            System.out.printf("Packaged pipeline: %,d tickets into %s, -Xmx%s, rate limits off%s, %s, %s%n", records,
                    DESTINATION,
                    HEAP,
                    START_ARCHIVE == null
                            ? ""
                            : START_ARCHIVE.startsWith("-XX:AOTCache") ? ", AOT cache" : ", AppCDS archive",
                    gcArgs.isEmpty() ? "the JVM's own collector" : gcArgs,
                    jitArgs.isEmpty() ? "the JVM's own JIT thresholds" : jitArgs);
            System.out.printf("  elapsed            %.1f s (JVM start included)%n", elapsed);
            System.out.printf("  records/s          %,.0f%n", records / elapsed);
            System.out.printf("  CPU                %.1f s (%.1f s per 100k records, sampled every %d ms)%n",
                    cpuSeconds,
                    cpuSeconds * 100_000 / Math.max(1, records), SAMPLE_MILLIS);
            // what the loader's own processing allows: its CPU a record, with the machine's cores to itself (the
            // issue's target is 30,000 records/s of own processing on 2 cores)
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("  own processing     %,.0f records/s on %d cores to itself (%.0f µs of CPU a record)%n",
                    records / cpuSeconds * cores, cores, cpuSeconds * 1e6 / records);
            System.out.printf("  server CPU         %.1f s (%s, in the benchmark's JVM)%n", serverCpu,
                    EXTERNAL_URL != null
                            ? "idle: the server is external"
                            : bigQueryServer != null ? "the simulator and the BigQuery stand-in" : "the simulator");
            System.out.printf("  CPU by thread      %s%n", byThread(threads, threadNames));
            if (EXTERNAL_URL == null) {
                printByTenth(progress, (double) records / Math.max(1, simulator.requestCount()));
            }
            System.out.printf("  peak RSS           %,d MB (VmHWM, sampled)%n", peak[0] / 1024);
            System.out.printf("  GC                 %d pauses (%d full), heap at most %d MB before a pause%n", pauses,
                    fullPauses, peakHeap);
            System.out.printf("  requests/record    %s%n", requests < 0
                    ? "n/a (external server)"
                    : String.format("%.4f (%,d requests)", (double) requests / Math.max(1, records), requests));
            if (EXTERNAL_URL == null) {
                System.out.printf("  page bytes/record  %,.0f (%,.0f MB served)%n",
                        (double) freshdesk.bytesServed() / Math.max(1, records),
                        freshdesk.bytesServed() / 1048576.0);
            }
            Path file = dir.resolve("freshdesk.duckdb");
            if (bigQueryServer == null && Files.exists(file)) {
                // what a volume must hold: the file (history and current table) and its write-ahead log, as the run left them
                Path wal = dir.resolve("freshdesk.duckdb.wal");
                long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
                System.out.printf("  DuckDB file        %,.0f MB (%,.0f bytes a record; write-ahead log %,.0f MB)%n",
                        Files.size(file) / 1048576.0, (double) Files.size(file) / Math.max(1, records),
                        walBytes / 1048576.0);
            }
            if (bigQueryServer != null) {
                System.out.printf(
                        "  BigQuery           %,d insertAll requests (%,.1f MB streamed), %,d query jobs (%,.1f MB billed,"
                                + " the stand-in's estimate)%n",
                        bigQuery.inserts.size(), bigQuery.streamedBytes.get() / 1048576.0,
                        bigQuery.statements.size(), bigQuery.queryBytesBilled.get() / 1048576.0);
            }
            System.out.printf("  first request      %s%n", freshdesk.firstRequestNanos() == 0
                    ? "n/a"
                    : String.format("%.2f s after the start", (freshdesk.firstRequestNanos() - started) / 1e9));
        } finally {
            freshdesk.close();
            if (bigQueryServer != null) {
                bigQueryServer.stop();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A simulated account of {@code tickets} tickets (and a few contacts and companies), its rate limits off. */
    static SimulatedFreshdesk simulator(int tickets, ObjectMapper json) {
        return new SimulatedFreshdesk(SimulatorSettings.defaults()
                .withTickets(tickets)
                .withContacts(1_000)
                .withCompanies(100)
                .withUnlimitedRate(), Clock.systemUTC(), json);
    }

    /**
     * Serves {@link #SERVER_WARMUP_REQUESTS} list pages shaped as the app asks them (the same include) from a simulator
     * of its own, so that the run's counters start at zero while the server's code is compiled already.
     */
    static void warmUpServer(ObjectMapper json) throws IOException, InterruptedException {
        if (SERVER_WARMUP_REQUESTS <= 0) {
            return;
        }
        SimulatedFreshdesk warm = simulator(10_000, json);
        warm.prerender("tickets", INCLUDES);
        long start = System.nanoTime();
        try (SimulatorHttpServer server = new SimulatorHttpServer(warm)) {
            HttpClient client = HttpClient.newHttpClient();
            String authorization = SimulatedFreshdesk.basicAuthorization(warm.settings().apiKey());
            for (int i = 0; i < SERVER_WARMUP_REQUESTS; i++) {
                URI uri = URI.create(server.baseUrl() + "/tickets?updated_since=2000-01-01T00:00:00Z"
                        + "&order_by=updated_at&order_type=asc&per_page=100&page=" + (1 + i % 100)
                        + (INCLUDES.isEmpty() ? "" : "&include=" + String.join(",", INCLUDES)));
                HttpResponse<byte[]> page = client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", authorization)
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(page.statusCode()).as(uri.toString()).isEqualTo(200);
            }
        }
        System.out.printf("simulator's server: warmed up with %,d list requests in %.1f s%n", SERVER_WARMUP_REQUESTS,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * A fixed CPU workload on one thread, timed before the app starts: a ticket-sized JSON document (2.7 KB) parsed into
     * a tree and written back 50,000 times, the best of five rounds. It puts a run's figures beside the machine's
     * speed at that moment, so runs of different evenings can be told apart from changes of the loader.
     */
    static double calibrationMillis(ObjectMapper mapper) throws IOException {
        StringBuilder text = new StringBuilder("{\"id\":1,\"subject\":\"");
        Random random = new Random(42);
        String[] words = {"refund", "order", "délai", "customer", "payment", "invoice", "login", "shipping", "merci",
                "error"};
        while (text.length() < 2_600) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        text.append("\",\"status\":2,\"priority\":1,\"tags\":[\"a\",\"b\"],\"updated_at\":\"2025-01-01T00:00:00Z\"}");
        byte[] document = text.toString().getBytes(StandardCharsets.UTF_8);
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 50_000; i++) {
                sink += mapper.writeValueAsBytes(mapper.readTree(document)).length;
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        assertThat(sink).isPositive();
        return best;
    }

    /** The first line of {@code java -version} of the JVM the app ran on. */
    static String javaVersion() throws IOException, InterruptedException {
        Process version = new ProcessBuilder(JAVA, "-version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes());
        version.waitFor();
        return out.lines().findFirst().orElse("?");
    }

    /** CPU time of this JVM (the simulator's server, when it serves): what the loader's machine gave the server. */
    static long serverCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Each thread's CPU ticks so far, by thread id (the last sample before the process ended stands). */
    static void sampleThreads(long pid, Map<String, long[]> ticks, Map<String, String> names) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String tid = task.getFileName().toString();
                    names.put(tid, name);
                    ticks.computeIfAbsent(tid, t -> new long[1])[0] = Long.parseLong(fields[11])
                            + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread just ended
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
    }

    static final List<String> KINDS = List.of("writer", "paging loop", "other", "JIT", "GC/VM", "main+DuckDB");

    /** Requests served and CPU ticks by thread kind at one moment of the run. */
    record Progress(long requests, Map<String, Long> ticks) {

        long total() {
            return ticks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The CPU a record in each tenth of the run's pages, in all and by thread kind: whether it grows as the tables do.
     * The writer lags the pages by up to a batch and the merges ("other") by up to destination.duckdb.merge-every-batches.
     */
    static void printByTenth(List<Progress> progress, double recordsPerRequest) {
        long requests = progress.isEmpty() ? 0 : progress.get(progress.size() - 1).requests();
        if (requests < 20) {
            return;
        }
        System.out.printf("  CPU a record by tenth of the pages (µs: all, then %s)%n", String.join(" / ", KINDS));
        Progress base = new Progress(0, Map.of()); // the first tenth counts from the start: the JVM's start is in it
        int next = 0;
        for (int tenth = 1; tenth <= 10; tenth++) {
            long target = requests * tenth / 10;
            while (progress.get(next).requests() < target) {
                next++;
            }
            Progress to = progress.get(next);
            double perRecord = 1e4 / Math.max(1, (to.requests() - base.requests()) * recordsPerRequest); // ticks are 10 ms
            StringBuilder line = new StringBuilder(
                    String.format("    %2d  %5.0f  ", tenth, (to.total() - base.total()) * perRecord));
            for (String kind : KINDS) {
                line.append(String.format(" %4.0f",
                        (to.ticks().getOrDefault(kind, 0L) - base.ticks().getOrDefault(kind, 0L))
                                * perRecord));
            }
            System.out.println(line);
            base = to;
        }
    }

    /** CPU ticks by thread kind (JIT, GC, the named Camel threads, the rest). */
    static Map<String, Long> kindTicks(Map<String, long[]> ticks, Map<String, String> names) {
        Map<String, Long> kinds = new TreeMap<>();
        ticks.forEach((tid, t) -> {
            String name = names.get(tid);
            String kind = name.startsWith("C2 ") || name.startsWith("C1 ")
                    ? "JIT"
                    : name.startsWith("G1 ") || name.startsWith("GC ") || name.equals("VM Thread")
                            ? "GC/VM"
                            : name.startsWith("seda://write")
                                    ? "writer"
                                    : name.startsWith("ProducerTempla")
                                            ? "paging loop"
                                            : name.equals("java") ? "main+DuckDB" : "other";
            kinds.merge(kind, t[0], Long::sum);
        });
        return kinds;
    }

    /** CPU seconds by thread kind (JIT, GC, the named Camel threads, the rest), largest first. */
    static String byThread(Map<String, long[]> ticks, Map<String, String> names) {
        Map<String, Long> kinds = kindTicks(ticks, names);
        return kinds.entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 100.0))
                .collect(Collectors.joining(", "));
    }

    /** The process's RSS high-water mark (kB) and CPU ticks (user + system), from /proc. */
    static void sample(long pid, long[] peak) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peak[0] = Math.max(peak[0], Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
            String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ")[1].split(" ");
            peak[1] = Math.max(peak[1], Long.parseLong(stat[11]) + Long.parseLong(stat[12]));
        } catch (IOException | RuntimeException e) {
            // the process just ended: the last sample stands
        }
    }

    static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }
}
