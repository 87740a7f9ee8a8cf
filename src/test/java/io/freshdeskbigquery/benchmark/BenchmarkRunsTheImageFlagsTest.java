package io.freshdeskbigquery.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's figures are those of what ships: it runs the app with the JVM flags the JVM image adds. */
class BenchmarkRunsTheImageFlagsTest {

    @Test
    void theBenchmarkPassesTheFlagsTheJvmImageAdds() throws IOException {
        Matcher opts = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"")
                .matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
        assertThat(opts.find()).isTrue();
        List<String> image = List.of(opts.group(1).trim().split("\\s+"));
        // the collector's share of the young generation, added to the start script's collector
        List<String> gc = List.of(PackagedPipelineBenchmark.IMAGE_GC_ARGS.split("\\s+"));
        assertThat(image.stream().filter(flag -> flag.startsWith("-XX:NewRatio")).toList()).isNotEmpty()
                .allMatch(gc::contains);
        assertThat(image.stream().filter(flag -> flag.startsWith("-XX:Tier")).toList())
                .containsExactlyInAnyOrderElementsOf(List.of(PackagedPipelineBenchmark.IMAGE_JIT_ARGS.split("\\s+")));
    }
}
