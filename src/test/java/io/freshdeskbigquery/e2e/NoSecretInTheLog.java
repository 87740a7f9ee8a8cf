package io.freshdeskbigquery.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests that run a sync at DEBUG or TRACE share: the built-in simulator with an API key known to the test, and
 * the check that neither the key nor the forms it travels in (its Base64 form, {@code Basic <that Base64>}) is in the
 * output. A failure names the loggers whose lines hold a secret, never the secret itself.
 *
 * <p>A {@code @QuarkusMainTest} captures the output with a console handler of its own, which has none of the handlers'
 * filters ({@code quarkus.log.*.filter=mask-secrets}): what it sees is masked by the loggers themselves (the filter is
 * set on the loggers that print the Authorization header). {@code ErrorBodyEchoTest} sees a handler's filter at work.
 */
final class NoSecretInTheLog {

    static final String API_KEY = "e2e-log-secret-5f2c9a17b3d4";

    private NoSecretInTheLog() {
    }

    /** A small account served by the simulator, read with {@link #API_KEY}, at the given root log level. */
    static Map<String, String> syncAt(String level) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sync.once", "true");
        config.put("sync.streams", "tickets,contacts");
        config.put("simulator.enabled", "true");
        config.put("simulator.api-key", API_KEY);
        config.put("simulator.tickets", "30");
        config.put("simulator.contacts", "10");
        config.put("simulator.companies", "5");
        config.put("simulator.mutations.every-requests", "0");
        config.put("destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        config.put("quarkus.log.level", level);
        return config;
    }

    /** The secrets by what they are; the test names only what, never the value. */
    static Map<String, String> secrets() {
        Base64.Encoder base64 = Base64.getEncoder();
        String basic = base64.encodeToString((API_KEY + ":X").getBytes(StandardCharsets.UTF_8));
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the API key", API_KEY);
        secrets.put("the Base64 form of <key>:X", basic.replaceAll("=+$", ""));
        secrets.put("the Base64 form of the key", base64.encodeToString(API_KEY.getBytes(StandardCharsets.UTF_8))
                .replaceAll("=+$", ""));
        secrets.put("Basic <Base64 of <key>:X>", "Basic " + basic);
        return secrets;
    }

    static void assertNoSecretIn(String output) {
        secrets().forEach((what, secret) -> assertThat(whereFound(output, secret))
                .as("loggers whose lines hold " + what)
                .isEmpty());
    }

    private static final Pattern CATEGORY = Pattern.compile("^\\S+ +[A-Z]+ +\\[([^\\]]+)\\]");

    /** The logger categories of the lines that hold the text (the text itself left out). */
    static List<String> whereFound(String output, String secret) {
        String[] lines = output.split("\\R");
        return IntStream.range(0, lines.length).filter(i -> lines[i].contains(secret)).mapToObj(i -> {
            Matcher category = CATEGORY.matcher(lines[i]);
            return category.find() ? category.group(1) : "line " + (i + 1) + " (no logger name)";
        }).distinct().toList();
    }
}
