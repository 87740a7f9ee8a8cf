package io.freshdeskbigquery.destination.bigquery.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Starts the BigQuery emulator ({@code src/test/bqemulator/launch.py}: bqemulator with its gaps mended in memory)
 * on free ports and points the app at it: {@code destination.type=bigquery}, {@code bigquery.host}, a project and a
 * dataset of their own. Its log goes to {@code target/bqemulator-<port>.log}. The tests get an
 * {@link EmulatedBigQuery} (field injection) to read what landed with SQL of their own.
 * <p>
 * Init arg {@link #PRE_CREATE}: statements run before the app starts ({@code ;;}-separated; {@code {dataset}}
 * stands for the qualified dataset), to hand the loader tables an older version made.
 */
public class BigQueryEmulator implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "emulated-project";
    public static final String DATASET = "dataset";
    public static final String PRE_CREATE = "pre-create";

    private Process process;
    private EmulatedBigQuery bigQuery;
    private String dataset = "freshdesk_emulated";
    private String preCreate = "";

    @Override
    public void init(Map<String, String> initArgs) {
        dataset = initArgs.getOrDefault(DATASET, dataset);
        preCreate = initArgs.getOrDefault(PRE_CREATE, preCreate);
    }

    @Override
    public Map<String, String> start() {
        EmulatorInstallation installation = EmulatorInstallation.get();
        int restPort = freePort();
        int grpcPort = freePort();
        Path log = Path.of("target/bqemulator-" + restPort + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(installation.python().toString(), EmulatorInstallation.LAUNCHER.toString(),
                    "start", "--rest-port", Integer.toString(restPort), "--grpc-port", Integer.toString(grpcPort),
                    "--project", PROJECT, "--ephemeral", "--log-level", "warning")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the BigQuery emulator: " + e.getMessage(), e);
        }
        String host = "http://127.0.0.1:" + restPort;
        awaitHealthy(host, log);
        bigQuery = new EmulatedBigQuery(host, PROJECT, dataset);
        for (String statement : preCreate.split(";;")) {
            if (!statement.isBlank()) {
                bigQuery.execute(statement.replace("{dataset}", bigQuery.qualifiedDataset()));
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("destination.type", "bigquery");
        config.put("bigquery.project-id", PROJECT);
        config.put("bigquery.dataset", dataset);
        config.put("bigquery.location", "US");
        config.put("bigquery.host", host);
        config.put("bigquery.retry.initial-delay", "20");
        config.put("bigquery.retry.max-delay", "200");
        config.put("bigquery.retry.max-attempts", "3");
        // a port of its own: the class runs in an app restarted for it
        config.put("quarkus.http.test-port", "0");
        return config;
    }

    private void awaitHealthy(String host, Path log) {
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("The BigQuery emulator exited with status "
                                    + process.exitValue() + " at start; its log: " + tail(log));
                        }
                        return answers(host + "/healthz");
                    });
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException(
                    "The BigQuery emulator did not answer at " + host + " within 90 s; its log: "
                            + tail(log));
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(bigQuery, new TestInjector.MatchesType(EmulatedBigQuery.class));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
