package io.freshdeskbigquery.destination.bigquery.emulator;

import java.nio.file.Path;

import io.freshdeskbigquery.testing.PythonTool;

/**
 * The BigQuery emulator ({@code bqemulator}, asked for in {@code src/test/bqemulator/requirements.txt}, every package
 * of its environment pinned in {@code constraints.txt}) in a Python virtual environment of its own, installed on first
 * use from PyPI ({@link PythonTool}: {@code ~/.cache/freshdesk-bigquery/bqemulator-<hash>}, or {@code BQEMULATOR_VENV}).
 * <p>
 * When it cannot be installed (no {@code python3} with {@code venv}, no access to PyPI) the engine tests are
 * skipped with the reason, except under CI ({@code CI=true}), where they fail: CI must prove the SQL.
 */
public final class EmulatorInstallation {

    static final Path PROJECT_FILES = Path.of("src/test/bqemulator");
    static final Path LAUNCHER = PROJECT_FILES.resolve("launch.py");
    private static final PythonTool TOOL = new PythonTool("bqemulator", PROJECT_FILES, "BQEMULATOR_VENV");

    private final Path python;

    private EmulatorInstallation(Path python) {
        this.python = python;
    }

    /** The Python interpreter of the emulator's environment. */
    public Path python() {
        return python;
    }

    /** Installs the emulator once per JVM (when missing); throws {@link Unavailable} with the reason otherwise. */
    public static EmulatorInstallation get() {
        if (Boolean.getBoolean("bqemulator.skip")) {
            throw new Unavailable("-Dbqemulator.skip=true");
        }
        try {
            return new EmulatorInstallation(TOOL.python());
        } catch (PythonTool.Unavailable e) {
            throw new Unavailable(e.getMessage());
        }
    }

    /** Skipping is allowed outside CI only. */
    public static boolean mustRun() {
        return PythonTool.mustRun() || Boolean.getBoolean("bqemulator.required");
    }

    /** The emulator cannot be installed or started here. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason);
        }
    }
}
