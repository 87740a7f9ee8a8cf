package io.freshdeskbigquery.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.destination.duckdb.DuckDbDestination;
import io.freshdeskbigquery.testing.FakeFreshdesk;
import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.leader-election.type=kubernetes} against fabric8's mock Kubernetes API server (CRUD mode): while
 * another Running and Ready pod holds the Lease, this syncer's schedule makes no request; when that pod is gone,
 * this one takes the Lease, waits a lease duration and syncs.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets"),
        @ResourceArg(name = "sync.tickets.schedule", value = "0/1 * * * * ?"),
        @ResourceArg(name = "sync.leader-election.type", value = "kubernetes"),
        @ResourceArg(name = "sync.leader-election.kubernetes.pod-name", value = "syncer-a"),
        @ResourceArg(name = "sync.leader-election.kubernetes.lease-duration", value = "3s"),
        @ResourceArg(name = "sync.leader-election.interval", value = "500ms")})
class KubernetesLeaseElectionTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String LEASE = "leaders-freshdesk-bigquery";
    static final String SETUP = "lease-test-setup";

    @KubernetesTestServer
    KubernetesServer server;

    WireMockServer wireMock;
    FakeFreshdesk freshdesk;

    @Inject
    Destination destination;

    @Test
    void aStandbyMakesNoRequestWhileAnotherPodHoldsTheLeaseAndTakesOverWhenThatPodIsGone() throws Exception {
        // the test's own requests (the other pod, its Lease) carry their own User-Agent, apart from the app's
        KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                server.getClient().getConfiguration()).withUserAgent(SETUP).build()).build();
        kubernetes.leases()
                .resource(new LeaseBuilder().withNewMetadata()
                        .withName(LEASE)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("syncer-b")
                        .withLeaseDurationSeconds(3)
                        .withAcquireTime(ZonedDateTime.now())
                        .withRenewTime(ZonedDateTime.now())
                        .endSpec()
                        .build())
                .create();
        candidate(kubernetes, "syncer-b");
        candidate(kubernetes, "syncer-a");
        for (int i = 1; i <= 3; i++) {
            freshdesk.put("tickets", i, T0.plusSeconds(i));
        }
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/tickets")).withBasicAuth(FreshdeskWireMock.API_KEY, "X")
                .willReturn(aResponse().withTransformers(FakeFreshdesk.NAME)));

        // syncer-b leads: the schedule fires every second, yet this standby asks Freshdesk nothing
        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(7))
                .until(() -> wireMock.findAll(anyRequestedFor(anyUrl())).isEmpty());
        assertThat(kubernetes.leases().withName(LEASE).get().getSpec().getHolderIdentity()).isEqualTo("syncer-b");

        // syncer-b's pod is gone: this syncer takes the Lease and, a lease duration later, syncs every ticket once
        kubernetes.pods().withName("syncer-b").delete();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(
                        ((DuckDbDestination) destination).query("SELECT id FROM tickets ORDER BY id"))
                        .extracting(row -> row.get("id"))
                        .containsExactly(1L, 2L, 3L));
        Lease lease = kubernetes.leases().withName(LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("syncer-a");

        // every request the app made is one the shipped Role allows (k8s/components/kubernetes-lease/rbac.yaml),
        // with the Lease's name where the Role names the Leases it may read and renew
        Set<String> allowed = allowedByTheRole();
        Set<String> made = new TreeSet<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (!SETUP.equals(request.getHeader("User-Agent"))) {
                made.add(permission(request));
            }
        }
        assertThat(made).contains("leases get " + LEASE, "leases update " + LEASE, "pods list");
        assertThat(made).allSatisfy(permission -> assertThat(allowed).as(permission)
                .containsAnyOf(permission, permission.replaceAll("^(\\S+ \\S+) .*", "$1")));
    }

    /** "resource verb" of an API request, as RBAC sees it, and the object's name if it names one. */
    static String permission(RecordedRequest request) {
        String[] path = request.getPath().replaceAll("\\?.*", "").split("/");
        // /api/v1/namespaces/<ns>/<resource>[/<name>] or /apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>]
        int at = path[1].equals("api") ? 5 : 6;
        boolean named = path.length > at + 1;
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> request.getMethod();
        };
        return path[at] + " " + verb + (named ? " " + path[at + 1] : "");
    }

    static Set<String> allowedByTheRole() throws Exception {
        Set<String> allowed = new TreeSet<>();
        try (var docs = new YAMLMapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(Path.of("k8s/components/kubernetes-lease/rbac.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc.path("kind").asText().equals("Role")) {
                    // "resource verb" for any object, "resource verb name" where the rule names its objects
                    for (JsonNode rule : doc.path("rules")) {
                        rule.path("resources").forEach(resource -> rule.path("verbs").forEach(verb -> {
                            String permission = resource.asText() + " " + verb.asText();
                            if (rule.has("resourceNames")) {
                                rule.path("resourceNames")
                                        .forEach(name -> allowed.add(permission + " " + name.asText()));
                            } else {
                                allowed.add(permission);
                            }
                        }));
                    }
                }
            }
        }
        return allowed;
    }

    /** A Running and Ready pod with the candidates' label, as the kubelet reports it. */
    private static void candidate(KubernetesClient kubernetes, String name) {
        kubernetes.pods()
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app.kubernetes.io/name", "freshdesk-bigquery")
                        .endMetadata()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
    }
}
