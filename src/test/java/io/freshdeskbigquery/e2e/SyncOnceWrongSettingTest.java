package io.freshdeskbigquery.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong setting stops the start: the process exits 1 before a route is built, with no run and no request (Freshdesk
 * is a port where nothing listens, so a run would fail, and say so), and the output holds one line naming the key and
 * what it accepts, once, and no stack trace. One launch per setting, in the test JVM: the case's keys are system
 * properties, which the application's configuration reads at each launch.
 */
@QuarkusMainTest
@TestProfile(SyncOnceWrongSettingTest.Once.class)
class SyncOnceWrongSettingTest {

    public static class Once implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.once", "true",
                    "sync.streams", "tickets",
                    "freshdesk.api-key", "secret-key-that-must-not-be-printed",
                    "freshdesk.retry.max-attempts", "0",
                    "destination.duckdb.path", "target/test-data/" + UUID.randomUUID() + ".duckdb");
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "destination.type | postgres | destination.type 'postgres' is not one of duckdb, bigquery",
            "freshdesk.rate-limit.share | 2 | freshdesk.rate-limit.share must be above 0 and at most 1",
            "freshdesk.rate-limit.share | 0 | freshdesk.rate-limit.share must be above 0 and at most 1",
            "freshdesk.plan | platinum | freshdesk.plan 'platinum' is not one of trial, growth, pro, enterprise",
            "freshdesk.rate-limit.per-minute | 0 | freshdesk.rate-limit.per-minute must be 1 or more requests a minute",
            "freshdesk.rate-limit.tickets-list-per-minute | -1 | freshdesk.rate-limit.tickets-list-per-minute must be 1 or more",
            "freshdesk.domain | my company | freshdesk.domain 'my company' is not a Freshdesk account: set the name in https://<name>.freshdesk.com",
            "freshdesk.timeout.response | 0 | freshdesk.timeout.response must be at least 1 ms, not 0",
            "freshdesk.timeout.request | 5000 | freshdesk.timeout.request must be longer than freshdesk.timeout.connect",
            "freshdesk.retry.max-retry-after | 0 | freshdesk.retry.max-retry-after must be from 1 to 86400",
            "freshdesk.max-page-bytes | 100 | freshdesk.max-page-bytes=100 is not allowed: give a number of bytes from 4096",
            "health.max-consecutive-failures | 0 | health.max-consecutive-failures must be at least 1",
            "sync.tickets.deletions | maybe | sync.tickets.deletions 'maybe' is not true or false"})
    void theStartStopsWithOneLineNamingTheKey(String key, String value, String message, QuarkusMainLauncher launcher) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!key.equals("freshdesk.domain")) {
            settings.put("freshdesk.base-url", "http://localhost:1/api/v2");
        }
        settings.put(key, value);
        LaunchResult result = launchWith(settings, launcher);

        String output = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(output).isEqualTo(1);
        assertThat(occurrences(output, message)).as(output).isEqualTo(1);
        assertThat(output).containsPattern("ERROR .*" + Pattern.quote(message))
                .doesNotContain("sync.once: running", "run tickets-", "\tat ", "Exception")
                .doesNotContain("secret-key-that-must-not-be-printed");
    }

    @ParameterizedTest(name = "sync.check with {0}={1}")
    @CsvSource(delimiter = '|', value = {
            "destination.type | postgres | destination.type 'postgres' is not one of duckdb, bigquery"})
    void checkModeStopsTooInsteadOfHanging(String key, String value, String message, QuarkusMainLauncher launcher) {
        LaunchResult result = launchWith(Map.of("sync.once", "false", "sync.check", "true",
                "freshdesk.base-url", "http://localhost:1/api/v2", key, value), launcher);

        String output = result.getOutput() + result.getErrorOutput();
        assertThat(result.exitCode()).as(output).isEqualTo(1);
        assertThat(occurrences(output, message)).as(output).isEqualTo(1);
        assertThat(output).doesNotContain("sync.check: checking", "\tat ");
    }

    private static LaunchResult launchWith(Map<String, String> settings, QuarkusMainLauncher launcher) {
        settings.forEach(System::setProperty);
        try {
            return launcher.launch();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    private static int occurrences(String output, String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
