package io.freshdeskbigquery.destination.bigquery.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The BigQuery emulator ({@code bqemulator}, asked for in {@code src/test/bqemulator/requirements.txt}, every package
 * of its environment pinned in {@code constraints.txt}) in a Python virtual environment of its own, installed on first
 * use from PyPI. The environment lives outside the build folder
 * ({@code ~/.cache/freshdesk-bigquery/bqemulator-<hash of both files>}, or {@code BQEMULATOR_VENV}), so
 * {@code ./mvnw clean} does not throw it away; a change to either file makes a new one.
 * <p>
 * When it cannot be installed (no {@code python3} with {@code venv}, no access to PyPI) the engine tests are
 * skipped with the reason, except under CI ({@code CI=true}), where they fail: CI must prove the SQL.
 */
public final class EmulatorInstallation {

    static final Path PROJECT_FILES = Path.of("src/test/bqemulator");
    static final Path REQUIREMENTS = PROJECT_FILES.resolve("requirements.txt");
    static final Path CONSTRAINTS = PROJECT_FILES.resolve("constraints.txt");
    static final Path LAUNCHER = PROJECT_FILES.resolve("launch.py");

    private static EmulatorInstallation installed;
    private static String unavailable;

    private final Path python;

    private EmulatorInstallation(Path python) {
        this.python = python;
    }

    /** The Python interpreter of the emulator's environment. */
    public Path python() {
        return python;
    }

    /** Installs the emulator once per JVM (when missing); throws {@link Unavailable} with the reason otherwise. */
    public static synchronized EmulatorInstallation get() {
        if (installed != null) {
            return installed;
        }
        if (unavailable != null) {
            throw new Unavailable(unavailable);
        }
        try {
            installed = install();
            return installed;
        } catch (Unavailable e) {
            unavailable = e.getMessage();
            throw e;
        }
    }

    /** Skipping is allowed outside CI only. */
    public static boolean mustRun() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("bqemulator.required");
    }

    private static EmulatorInstallation install() {
        if (Boolean.getBoolean("bqemulator.skip")) {
            throw new Unavailable("-Dbqemulator.skip=true");
        }
        Path venv = venv();
        Path python = venv.resolve("bin/python");
        Path marker = venv.resolve(".freshdesk-bigquery-installed");
        if (Files.isRegularFile(marker) && Files.isExecutable(python)) {
            return new EmulatorInstallation(python);
        }
        Path log = Path.of("target/bqemulator-install.log");
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(venv.getParent());
            System.out.println("Installing the BigQuery emulator (" + REQUIREMENTS + ") into " + venv
                    + " (first run only; log: " + log + ")");
            run(log, 120, pythonCommand(), "-m", "venv", "--clear", venv.toString());
            run(log, 900, python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                    REQUIREMENTS.toAbsolutePath().toString(), "-c", CONSTRAINTS.toAbsolutePath().toString());
            Files.writeString(marker, Files.readString(REQUIREMENTS) + Files.readString(CONSTRAINTS));
            return new EmulatorInstallation(python);
        } catch (IOException e) {
            throw new Unavailable("cannot install it into " + venv + ": " + e.getMessage() + " (see " + log + ")");
        }
    }

    /** Where the environment lives: BQEMULATOR_VENV, or a folder named after the requirements' content. */
    static Path venv() {
        String configured = System.getenv("BQEMULATOR_VENV");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(REQUIREMENTS));
            sha.update(Files.readAllBytes(CONSTRAINTS));
            byte[] digest = sha.digest();
            return Path.of(System.getProperty("user.home"), ".cache", "freshdesk-bigquery",
                    "bqemulator-" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new Unavailable("cannot read " + REQUIREMENTS + ": " + e.getMessage());
        }
    }

    private static String pythonCommand() {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import venv, sys; assert sys.version_info >= (3, 10)")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted");
            }
        }
        throw new Unavailable("no python3 (3.10 or newer, with venv) on the PATH; on Debian or Ubuntu:"
                + " apt-get install python3 python3-venv");
    }

    private static void run(Path log, int timeoutSeconds, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(command));
        Files.writeString(log, "$ " + String.join(" ", line) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable("'" + String.join(" ", line) + "' did not finish in " + timeoutSeconds + " s (see "
                        + log + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (process.exitValue() != 0) {
            throw new Unavailable("'" + String.join(" ", line) + "' failed with exit status " + process.exitValue()
                    + " (see " + log + ")");
        }
    }

    /** The emulator cannot be installed or started here. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason);
        }
    }
}
