package io.freshdeskbigquery.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test tool from PyPI (asked for in {@code <dir>/requirements.txt}, every package of its environment pinned in
 * {@code <dir>/constraints.txt}) in a Python virtual environment of its own, installed on first use. The environment
 * lives outside the build folder ({@code ~/.cache/freshdesk-bigquery/<name>-<hash of both files>}, or the folder the
 * environment variable {@code venvVariable} names), so {@code ./mvnw clean} keeps it; a change to either file makes a
 * new one.
 * <p>
 * When it cannot be installed (no {@code python3} with {@code venv}, no access to PyPI) the tool is
 * {@link Unavailable}: its tests skip with the reason, except under CI ({@code CI=true}), where they fail.
 */
public final class PythonTool {

    private final String name;
    private final Path requirements;
    private final Path constraints;
    private final String venvVariable;
    private Path python;
    private String unavailable;

    public PythonTool(String name, Path projectFiles, String venvVariable) {
        this.name = name;
        this.requirements = projectFiles.resolve("requirements.txt");
        this.constraints = projectFiles.resolve("constraints.txt");
        this.venvVariable = venvVariable;
    }

    /** Skipping is allowed outside CI only. */
    public static boolean mustRun() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The environment's Python, installed once per JVM (when missing); throws {@link Unavailable} with the reason. */
    public synchronized Path python() {
        if (python != null) {
            return python;
        }
        if (unavailable != null) {
            throw new Unavailable(unavailable);
        }
        try {
            python = install();
            return python;
        } catch (Unavailable e) {
            unavailable = e.getMessage();
            throw e;
        }
    }

    /** A program the environment installed ({@code bin/<program>}). */
    public Path program(String program) {
        return python().resolveSibling(program);
    }

    private Path install() {
        Path venv = venv();
        Path interpreter = venv.resolve("bin/python");
        Path marker = venv.resolve(".freshdesk-bigquery-installed");
        if (Files.isRegularFile(marker) && Files.isExecutable(interpreter)) {
            return interpreter;
        }
        Path log = Path.of("target/" + name + "-install.log");
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(venv.getParent());
            System.out.println("Installing " + name + " (" + requirements + ") into " + venv + " (first run only; log: "
                    + log + ")");
            run(log, 120, pythonCommand(), "-m", "venv", "--clear", venv.toString());
            run(log, 900, interpreter.toString(), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                    requirements.toAbsolutePath().toString(), "-c", constraints.toAbsolutePath().toString());
            Files.writeString(marker, Files.readString(requirements) + Files.readString(constraints));
            return interpreter;
        } catch (IOException e) {
            throw new Unavailable(
                    "cannot install " + name + " into " + venv + ": " + e.getMessage() + " (see " + log + ")");
        }
    }

    /** Where the environment lives: the configured folder, or one named after the requirements' content. */
    public Path venv() {
        String configured = System.getenv(venvVariable);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(requirements));
            sha.update(Files.readAllBytes(constraints));
            byte[] digest = sha.digest();
            return Path.of(System.getProperty("user.home"), ".cache", "freshdesk-bigquery",
                    name + "-" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new Unavailable("cannot read " + requirements + ": " + e.getMessage());
        }
    }

    private static String pythonCommand() {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c",
                        "import venv, sys; assert sys.version_info >= (3, 10)")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
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
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable(
                        "'" + String.join(" ", line) + "' did not finish in " + timeoutSeconds + " s (see "
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

    /** The tool cannot be installed or run here. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }
}
