package io.freshdeskbigquery.deploy;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The paths the manifests' probes and the ServiceMonitor use are served by the app ({@link K8sManifestsTest}). */
@QuarkusTest
@WithTestResource(FreshdeskWireMock.class)
class HealthEndpointsTest {

    static final Set<String> SERVED = Set.of("/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics");

    @TestHTTPResource("/")
    URL root;

    @Test
    void theProbeAndMetricsPathsAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : SERVED) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            // 503 is a health check saying DOWN: the path is served all the same
            assertThat(response.statusCode()).as(path).isIn(200, 503);
            assertThat(response.body()).as(path).isNotBlank();
        }
    }
}
