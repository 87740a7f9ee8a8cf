package io.freshdeskbigquery.destination.duckdb;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

/**
 * DuckDB's JDBC driver unpacks its JNI library (57 MB) into {@code java.io.tmpdir} as {@code libduckdb_java<n>.so} and
 * deletes it when the JVM exits normally (a native binary, dev mode, the tests, a Mac or Windows start of the package;
 * the JVM package on Linux loads the library from beside the driver's jar, pom.xml's {@code duckdb.jni.out-of-jar}).
 * A JVM that was killed (OOM-killed, SIGKILL after a grace period) leaves it behind, and a container that restarts in
 * the same pod finds its {@code /tmp} volume a little fuller each time until it is full. Before DuckDB unpacks its own
 * copy, the copies left by earlier JVMs are removed: those written before this JVM started, and more than a minute ago
 * (so a JVM starting beside this one keeps the copy it is about to load; on Linux a library in use stays mapped after
 * its file is removed anyway).
 */
final class NativeLibraryLeftovers {

    private static final Logger LOG = Logger.getLogger(NativeLibraryLeftovers.class);
    private static final Duration SETTLED = Duration.ofMinutes(1);
    private static volatile boolean done;

    private NativeLibraryLeftovers() {
    }

    /** Once per JVM, in {@code java.io.tmpdir}. */
    static void removeOnce() {
        if (done) {
            return;
        }
        synchronized (NativeLibraryLeftovers.class) {
            if (!done) {
                done = true;
                Instant jvmStart = Instant
                        .ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
                int removed = remove(Path.of(System.getProperty("java.io.tmpdir")), jvmStart, Instant.now());
                if (removed > 0) {
                    LOG.infof("Removed %d copies of DuckDB's native library that killed JVMs left in %s", removed,
                            System.getProperty("java.io.tmpdir"));
                }
            }
        }
    }

    /** Removes the copies in {@code dir} written before {@code jvmStart} and before a minute ago; returns how many. */
    static int remove(Path dir, Instant jvmStart, Instant now) {
        int removed = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, "libduckdb_java*.so")) {
            for (Path copy : copies) {
                Instant written = Files.getLastModifiedTime(copy).toInstant();
                if (written.isBefore(jvmStart) && written.isBefore(now.minus(SETTLED)) && Files.deleteIfExists(copy)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Could not look for DuckDB native library leftovers in %s: %s", dir, e.getMessage());
        }
        return removed;
    }
}
