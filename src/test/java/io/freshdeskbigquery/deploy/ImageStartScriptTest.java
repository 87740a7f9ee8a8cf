package io.freshdeskbigquery.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM image's entry point ({@code src/main/docker/start-java.sh}) with the image's environment, run by the POSIX
 * shell against a stand-in {@code java} that prints its folder and arguments: the options it passes, in which order,
 * and that the JVM's exit status is the container's. {@code .ci/image-test} runs the same script in the built image.
 */
class ImageStartScriptTest {

    static final Path SCRIPT = Path.of("src/main/docker/start-java.sh");
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @TempDir
    Path dir;

    record Started(int status, String folder, List<String> args) {
    }

    @Test
    void startsTheJarFromItsFolderWithTheHeapTheCollectorAndTheImageOptions() throws Exception {
        Map<String, String> env = dockerfileEnv();
        Path app = Files.createDirectories(dir.resolve("deployments"));
        env.put("JAVA_APP_JAR", app.resolve("quarkus-run.jar").toString());
        env.put("JAVA_HOME", fakeJava(0).toString());

        Started started = start(env, "--an-argument");

        assertThat(started.status()).isZero();
        assertThat(started.folder()).isEqualTo(app.toRealPath().toString());
        List<String> jvm = started.args().subList(0, started.args().indexOf("-jar"));
        assertThat(started.args().subList(jvm.size(), started.args().size()))
                .containsExactly("-jar", "quarkus-run.jar", "--an-argument");
        List<String> expected = new ArrayList<>(List.of(
                // the heap from the memory limit: 50% when JAVA_MAX_MEM_RATIO is unset
                "-XX:MaxRAMPercentage=50",
                // the collector with the JVM's own sizing, from the image's GC_* (PackagedPipelineBenchmark's IMAGE_GC_ARGS)
                "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=0", "-XX:MaxHeapFreeRatio=100", "-XX:GCTimeRatio=99",
                "-XX:AdaptiveSizePolicyWeight=10",
                "-XX:+ExitOnOutOfMemoryError"));
        // then the image's JIT, young generation and AppCDS settings
        expected.addAll(List.of(env.get("JAVA_OPTS_APPEND").trim().split("\\s+")));
        assertThat(jvm).containsExactlyElementsOf(expected)
                .contains("-XX:Tier4InvocationThreshold=15000", "-XX:SharedArchiveFile=/deployments/app-cds.jsa");
    }

    @Test
    void javaOptsComeAfterTheScriptsOwnSoTheyWin() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", fakeJava(0).toString());
        env.put("JAVA_APP_JAR", Files.createDirectories(dir.resolve("app")).resolve("run.jar").toString());
        env.put("JAVA_MAX_MEM_RATIO", "30");
        env.put("GC_CONTAINER_OPTIONS", "-XX:+UseSerialGC");
        env.put("JAVA_OPTS", "-XX:MaxRAMPercentage=40 -Dpattern=*");
        env.put("JAVA_OPTS_APPEND", "-XX:NewRatio=1");

        assertThat(start(env).args()).containsExactly("-XX:MaxRAMPercentage=30", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=40", "-Dpattern=*", "-XX:NewRatio=1", "-jar",
                "run.jar");
    }

    @Test
    void aRatioOfZeroLeavesTheHeapToTheJvmAndTheJvmsStatusIsTheScripts() throws Exception {
        Path bin = fakeJava(3).resolve("bin");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin"); // no JAVA_HOME: the java on the PATH
        env.put("JAVA_APP_JAR", Files.createDirectories(dir.resolve("app")).resolve("run.jar").toString());
        env.put("JAVA_MAX_MEM_RATIO", "0");

        Started started = start(env);

        assertThat(started.status()).isEqualTo(3);
        assertThat(started.args()).containsExactly("-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", "-jar",
                "run.jar");
    }

    /** The {@code ENV} settings of Dockerfile.jvm, as the image's processes see them. */
    static Map<String, String> dockerfileEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern setting = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.startsWith("ENV ")) {
                Matcher m = setting.matcher(line.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
                }
            }
        }
        assertThat(env).containsKeys("JAVA_OPTS_APPEND", "JAVA_APP_JAR", "GC_MIN_HEAP_FREE_RATIO");
        return env;
    }

    /** A JAVA_HOME whose bin/java prints its folder and its arguments, one a line, and exits with {@code status}. */
    Path fakeJava(int status) throws IOException {
        Path home = dir.resolve("jdk");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\npwd -P\nfor arg in \"$@\"; do printf '%s\\n' \"$arg\"; done\nexit " + status
                + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    Started start(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        int status = process.waitFor();
        assertThat(lines).as("what the stand-in java printed").isNotEmpty();
        return new Started(status, lines.get(0), lines.subList(1, lines.size()));
    }
}
