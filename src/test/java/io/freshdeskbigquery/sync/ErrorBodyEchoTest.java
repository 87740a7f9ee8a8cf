package io.freshdeskbigquery.sync;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.sync.run.SyncOutcome;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.freshdeskbigquery.testing.SyncTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Something in front of Freshdesk answers 500 with a page that echoes the request, the API key's
 * {@code Authorization: Basic ...} and the key itself among it. The run fails; neither its ERROR line nor
 * {@code /q/health/ready} (no login needed) shows the key or its Base64 form, and the body is cut short there. The log
 * goes to a file too, at DEBUG: the file handler masks the key in any logger's line. Assertions test booleans and name
 * what was found, never the value: a failing contains() would print the secret.
 */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
@TestProfile(ErrorBodyEchoTest.LogFile.class)
class ErrorBodyEchoTest extends SyncTestSupport {

    static final Path LOG_FILE = Path.of("target", "test-logs", "error-body-echo.log");

    public static class LogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.level", "DEBUG",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG_FILE.toString(),
                    "quarkus.log.file.rotation.max-file-size", "1G",
                    "quarkus.log.file.format", "%d{HH:mm:ss.SSS} %-5p [%c{1.}] %s%e%n");
        }
    }

    private static final String KEY = FreshdeskWireMock.API_KEY;
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((KEY + ":X").getBytes(StandardCharsets.UTF_8));

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void aServerErrorPageEchoingTheKeyShowsItNeitherInTheLogNorInTheHealthData() throws Exception {
        String page = "<html><body><h1>500 Internal Server Error</h1><pre>GET /api/v2/tickets HTTP/1.1\r\n"
                + "Authorization: Basic " + BASIC + "\r\nX-Echo-Key: " + KEY + "\r\nAccept: application/json\r\n</pre>"
                + "<p>" + "upstream trace ".repeat(400) + "</p></body></html>";
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(500).withBody(page)));
        long logBefore = Files.exists(LOG_FILE) ? Files.size(LOG_FILE) : 0;

        SyncOutcome outcome = sync("tickets");

        assertThat(outcome.status()).isEqualTo(SyncOutcome.Status.FAILED);
        String log = logSince(logBefore);
        String errorLine = log.lines()
                .filter(line -> line.contains("ERROR") && line.contains("tickets: run"))
                .findFirst()
                .orElse("");
        assertThat(errorLine.contains("HTTP 500")).as("the run's ERROR line names the answer").isTrue();
        assertThat(holdsSecret(errorLine)).as("the ERROR line holds the key or its Base64 form").isFalse();
        assertThat(holdsSecret(log)).as("the log file holds the key or its Base64 form").isFalse();

        String health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ready.toString())).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(holdsSecret(health)).as("/q/health/ready holds the key or its Base64 form").isFalse();
        JsonNode tickets = new ObjectMapper().readTree(health).path("checks").get(0).path("data").path("tickets");
        assertThat(tickets.asText()).startsWith("FAILED: ").contains("HTTP 500", "Authorization: Basic ****");
        // cut short: not the 6,000 characters of the page
        assertThat(tickets.asText().length()).isLessThanOrEqualTo("FAILED: ".length() + 500);
        assertThat(tickets.asText()).doesNotContain("upstream trace ".repeat(30));
    }

    @Test
    void anyLoggersLineHoldingTheKeyIsMaskedByTheHandler() throws IOException {
        long logBefore = Files.exists(LOG_FILE) ? Files.size(LOG_FILE) : 0;

        Logger.getLogger("some.library").infof("connecting with %s and Authorization: Basic %s", KEY, BASIC);

        String log = logSince(logBefore);
        assertThat(holdsSecret(log)).as("the log file holds the key or its Base64 form").isFalse();
        assertThat(log.contains("[s.library] connecting with **** and Authorization: Basic ****"))
                .as("the line, masked")
                .isTrue();
    }

    private static boolean holdsSecret(String text) {
        return text.contains(KEY) || text.contains(BASIC.replace("=", ""));
    }

    private static String logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(LOG_FILE);
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }
}
