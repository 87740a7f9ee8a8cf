package io.freshdeskbigquery.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.freshdeskbigquery.testing.PythonTool;

/**
 * Renders a kustomization the way {@code kubectl apply -k} does: with {@code kubectl kustomize} when kubectl is on the
 * PATH, else with {@code kustomize build} (on the PATH, or installed once from the Go module proxy with
 * {@code go install sigs.k8s.io/kustomize/kustomize/v5@}{@value #VERSION} into
 * {@code ~/.cache/freshdesk-bigquery/go-bin}). Without either, the tests skip outside CI and fail under CI.
 */
final class Kustomize {

    static final String VERSION = "v5.5.0";

    private static List<String> command;
    private static String unavailable;

    private Kustomize() {
    }

    /** The manifests the kustomization at {@code dir} renders to. */
    static String build(Path dir) {
        List<String> line = new ArrayList<>(command());
        line.add(dir.toString());
        return run(line, 120);
    }

    private static synchronized List<String> command() {
        if (command != null) {
            return command;
        }
        if (unavailable != null) {
            throw new PythonTool.Unavailable(unavailable);
        }
        try {
            command = find();
            return command;
        } catch (PythonTool.Unavailable e) {
            unavailable = e.getMessage();
            throw e;
        }
    }

    private static List<String> find() {
        if (works("kubectl", "version", "--client")) {
            return List.of("kubectl", "kustomize");
        }
        if (works("kustomize", "version")) {
            return List.of("kustomize", "build");
        }
        Path bin = Path.of(System.getProperty("user.home"), ".cache", "freshdesk-bigquery", "go-bin");
        Path kustomize = bin.resolve("kustomize");
        if (!Files.isExecutable(kustomize)) {
            if (!works("go", "version")) {
                throw new PythonTool.Unavailable("neither kubectl, kustomize nor go is on the PATH");
            }
            System.out.println("Installing kustomize " + VERSION + " into " + bin + " (first run only)");
            ProcessBuilder install = new ProcessBuilder("go", "install",
                    "sigs.k8s.io/kustomize/kustomize/v5@" + VERSION);
            install.environment().put("GOBIN", bin.toString());
            run(install, 900);
        }
        return List.of(kustomize.toString(), "build");
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String run(List<String> command, int timeoutSeconds) {
        return run(new ProcessBuilder(command), timeoutSeconds);
    }

    private static String run(ProcessBuilder builder, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("k8s", ".out");
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", builder.command()) + " did not finish in "
                        + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", builder.command()) + " failed (exit "
                        + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", builder.command()) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
