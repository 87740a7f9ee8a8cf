package io.freshdeskbigquery.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.freshdeskbigquery.testing.PythonTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kubernetes overlays, rendered as {@code kubectl apply -k} would render them, checked against the Kubernetes
 * schemas (kubernetes-validate, offline, strict) and for what a reviewer would look at: one syncer per account, probe
 * paths the app serves, configuration keys and environment variables the app knows, Secrets that are defined, the
 * image the build makes, a restricted security context, and memory that adds up.
 */
class K8sManifestsTest {

    static final Path K8S = Path.of("k8s");
    static final List<String> OVERLAYS = List.of("duckdb-scheduled", "bigquery-scheduled", "bigquery-cronjob");
    /** Kubernetes versions the manifests must be valid for (kubernetes-validate's bundled schemas). */
    static final List<String> KUBERNETES = List.of("1.27.0", "1.30.0", "1.33.0", "1.37.0");
    static final String IMAGE = "ghcr.io/freshdesk-bigquery/freshdesk-bigquery";
    static final PythonTool VALIDATOR = new PythonTool("kubernetes-validate", Path.of("src/test/k8s"),
            "K8S_VALIDATE_VENV");
    static final YAMLMapper YAML = new YAMLMapper();

    static final Map<String, String> RENDERED = new HashMap<>();
    static final Map<String, List<JsonNode>> RESOURCES = new HashMap<>();

    @BeforeAll
    static void render() throws IOException {
        try {
            for (String overlay : OVERLAYS) {
                String text = Kustomize.build(K8S.resolve("overlays").resolve(overlay));
                RENDERED.put(overlay, text);
                RESOURCES.put(overlay, parse(text));
                Files.createDirectories(Path.of("target/k8s"));
                Files.writeString(Path.of("target/k8s", overlay + ".yaml"), text);
            }
        } catch (PythonTool.Unavailable e) {
            if (PythonTool.mustRun()) {
                throw new AssertionError("CI must render the Kubernetes overlays: " + e.getMessage(), e);
            }
            assumeTrue(false, "cannot render the overlays here: " + e.getMessage());
        }
    }

    static List<JsonNode> parse(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    // ---------------------------------------------------------------------------------------------- schemas

    @Test
    void everyOverlayIsValidForTheKubernetesSchemasStrictly() {
        Path validate = validator();
        for (String overlay : OVERLAYS) {
            for (String version : KUBERNETES) {
                Kustomize.run(List.of(validate.toString(), "--strict", "--quiet", "-k", version,
                        Path.of("target/k8s", overlay + ".yaml").toString()), 120);
            }
        }
    }

    @Test
    void theValidatorRefusesAFieldKubernetesDoesNotKnow() throws IOException {
        Path validate = validator();
        Path broken = Path.of("target/k8s/broken.yaml");
        Files.writeString(broken,
                RENDERED.get("duckdb-scheduled").replace("  replicas: 1", "  replicas: 1\n  replica: 2"));

        assertThatThrownBy(() -> Kustomize.run(List.of(validate.toString(), "--strict", "--quiet", "-k", "1.37.0",
                broken.toString()), 120)).hasMessageContaining("replica");
    }

    static Path validator() {
        try {
            return VALIDATOR.program("kubernetes-validate");
        } catch (PythonTool.Unavailable e) {
            if (PythonTool.mustRun()) {
                throw new AssertionError("CI must validate the manifests: " + e.getMessage(), e);
            }
            assumeTrue(false, "kubernetes-validate cannot be installed here: " + e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------- one syncer

    @Test
    void eachOverlayHasExactlyOneSyncerThatNeverRunsTwice() {
        for (String overlay : OVERLAYS) {
            List<JsonNode> syncers = syncers(overlay);
            assertThat(syncers).as(overlay + ": Deployments and CronJobs").hasSize(1);
            JsonNode syncer = syncers.get(0);
            if (syncer.path("kind").asText().equals("Deployment")) {
                assertThat(syncer.at("/spec/replicas").asInt()).as(overlay + " replicas").isEqualTo(1);
                assertThat(syncer.at("/spec/strategy/type").asText()).as(overlay + " strategy").isEqualTo("Recreate");
            } else {
                assertThat(syncer.path("kind").asText()).isEqualTo("CronJob");
                assertThat(syncer.at("/spec/concurrencyPolicy").asText()).as(overlay).isEqualTo("Forbid");
                assertThat(env(container(syncer))).as(overlay).containsEntry("SYNC_ONCE", "true");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- probes

    @Test
    void theProbesUseThePathsTheAppServes() {
        for (String overlay : OVERLAYS) {
            JsonNode container = container(syncers(overlay).get(0));
            Set<String> paths = new HashSet<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (container.has(probe)) {
                    paths.add(container.at("/" + probe + "/httpGet/path").asText());
                    assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
                }
            }
            assertThat(HealthEndpointsTest.SERVED).as(overlay + ": probe paths").containsAll(paths);
            if (syncers(overlay).get(0).path("kind").asText().equals("Deployment")) {
                assertThat(paths).as(overlay)
                        .containsExactlyInAnyOrder("/q/health/started", "/q/health/live",
                                "/q/health/ready");
            }
        }
    }

    @Test
    void theServiceAndServiceMonitorPointAtTheMetricsThePodServes() throws IOException {
        for (String overlay : OVERLAYS) {
            JsonNode service = ofKind(overlay, "Service").get(0);
            assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("http");
            JsonNode pod = podSpec(syncers(overlay).get(0));
            JsonNode labels = syncers(overlay).get(0).path("kind").asText().equals("Deployment")
                    ? syncers(overlay).get(0).at("/spec/template/metadata/labels")
                    : syncers(overlay).get(0).at("/spec/jobTemplate/spec/template/metadata/labels");
            service.at("/spec/selector")
                    .fields()
                    .forEachRemaining(selector -> assertThat(labels.path(selector.getKey()).asText())
                            .as(overlay + " pod label " + selector.getKey())
                            .isEqualTo(selector.getValue().asText()));
            assertThat(pod.at("/containers/0/ports/0/name").asText()).isEqualTo("http");
        }
        JsonNode monitor = parse(Files.readString(K8S.resolve("components/servicemonitor/servicemonitor.yaml"))).get(0);
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(HealthEndpointsTest.SERVED).contains("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    }

    // ---------------------------------------------------------------------------------------------- configuration

    @Test
    void everyConfigurationKeyAndEnvironmentVariableIsOneTheAppKnows() throws IOException {
        Set<String> documented = documentedKeys();
        assertThat(documented).contains("freshdesk.api-key", "sync.once", "destination.duckdb.memory-limit");
        Map<String, String> byEnvName = new HashMap<>();
        documented.forEach(key -> byEnvName.put(key.replaceAll("[.-]", "_").toUpperCase(), key));
        for (String overlay : OVERLAYS) {
            Properties props = overlayProperties(overlay);
            assertThat(props.stringPropertyNames()).as(overlay + "/application.properties keys").isSubsetOf(documented);
            for (String name : env(container(syncers(overlay).get(0))).keySet()) {
                if (!Set.of("JAVA_TOOL_OPTIONS", "JAVA_MAX_MEM_RATIO", "QUARKUS_CONFIG_LOCATIONS").contains(name)) {
                    assertThat(byEnvName).as(overlay + ": env " + name + " is a configuration key").containsKey(name);
                }
            }
        }
    }

    @Test
    void theCamelKIntegrationsSettingsAreKeysTheAppKnows() throws IOException {
        Map<String, String> byEnvName = new HashMap<>();
        documentedKeys().forEach(key -> byEnvName.put(key.replaceAll("[.-]", "_").toUpperCase(), key));
        JsonNode config = parse(Files.readString(K8S.resolve("camel-k/prerequisites.yaml"))).get(0);
        assertThat(config.path("kind").asText()).isEqualTo("ConfigMap");
        config.path("data")
                .fieldNames()
                .forEachRemaining(name -> assertThat(byEnvName).as("camel-k ConfigMap " + name).containsKey(name));
        assertThat(config.path("data").size()).isGreaterThan(5);
    }

    /** Every key the project's application.properties shows (set, or commented out with its default). */
    static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#?([a-z][a-z0-9-]*(?:\\.[a-z0-9<>-]+)+)=")
                .matcher(
                        Files.readString(Path.of("application.properties")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    static Properties overlayProperties(String overlay) throws IOException {
        Properties props = new Properties();
        try (var reader = Files
                .newBufferedReader(K8S.resolve("overlays").resolve(overlay).resolve("application.properties"))) {
            props.load(reader);
        }
        return props;
    }

    @Test
    void everySecretTheManifestsReferenceIsDefinedInTheExample() throws IOException {
        Map<String, Set<String>> defined = new HashMap<>();
        for (JsonNode secret : parse(Files.readString(K8S.resolve("secret.example.yaml")))) {
            Set<String> keys = new HashSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            defined.put(secret.at("/metadata/name").asText(), keys);
        }
        List<JsonNode> all = new ArrayList<>();
        OVERLAYS.forEach(overlay -> all.addAll(RESOURCES.get(overlay)));
        for (String overlay : OVERLAYS) {
            Path keyFile = K8S.resolve("overlays").resolve(overlay).resolve("key-file.yaml");
            if (Files.exists(keyFile)) {
                all.addAll(parse(Files.readString(keyFile)));
            }
        }
        int references = 0;
        for (JsonNode resource : all) {
            for (JsonNode ref : resource.findValues("secretKeyRef")) {
                assertThat(defined.get(ref.path("name").asText())).as("Secret " + ref.path("name").asText())
                        .contains(ref.path("key").asText());
                references++;
            }
            for (JsonNode name : resource.findValues("secretName")) {
                assertThat(defined).as("Secret " + name.asText()).containsKey(name.asText());
                references++;
            }
            assertThat(resource.path("kind").asText()).as("no Secret is applied with the overlays")
                    .isNotEqualTo("Secret");
        }
        assertThat(references).isGreaterThanOrEqualTo(5);
    }

    // ---------------------------------------------------------------------------------------------- image

    @Test
    void everyManifestRunsTheImageTheBuildMakesAsItsUser() throws IOException {
        String version = projectVersion();
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.native"))).contains("USER " + user.group(1));
        assertThat(Files.readString(Path.of("README.md")))
                .contains("-t " + IMAGE + ":" + version);
        for (String overlay : OVERLAYS) {
            JsonNode syncer = syncers(overlay).get(0);
            assertThat(container(syncer).path("image").asText()).as(overlay).isEqualTo(IMAGE + ":" + version);
            assertThat(podSpec(syncer).at("/securityContext/runAsUser").asText()).as(overlay).isEqualTo(user.group(1));
        }
        assertThat(Files.readString(K8S.resolve("camel-k/integration.yaml"))).contains(IMAGE + ":" + version);
    }

    static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>freshdesk-bigquery</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    // ---------------------------------------------------------------------------------------------- security

    @Test
    void theSecurityContextIsRestricted() {
        for (String overlay : OVERLAYS) {
            JsonNode pod = podSpec(syncers(overlay).get(0));
            JsonNode container = container(syncers(overlay).get(0));
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(overlay).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(overlay).isEqualTo("RuntimeDefault");
            // the token only where the Lease election needs it to call the API server
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(overlay)
                    .isEqualTo(leasesElection(overlay));
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(overlay).isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(overlay).isTrue();
            assertThat(container.at("/securityContext/capabilities/drop/0").asText()).as(overlay).isEqualTo("ALL");
            assertThat(ofKind(overlay, "NetworkPolicy")).as(overlay).hasSize(leasesElection(overlay) ? 2 : 1);
        }
    }

    static boolean leasesElection(String overlay) {
        try {
            return overlayProperties(overlay).getProperty("sync.leader-election.type", "none").equals("kubernetes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyOverlayElectsOneSyncerAndTheBigQueryOnesShareOneLease() throws IOException {
        for (String overlay : OVERLAYS) {
            Properties props = overlayProperties(overlay);
            JsonNode pod = podSpec(syncers(overlay).get(0));
            String type = props.getProperty("sync.leader-election.type", "none");
            if (overlay.startsWith("duckdb")) {
                // the lock lives on the volume every pod of the overlay mounts
                assertThat(type).as(overlay).isEqualTo("file");
                String root = props.getProperty("sync.leader-election.root");
                assertThat(container(syncers(overlay).get(0)).findValues("mountPath")).as(overlay)
                        .anySatisfy(path -> assertThat(root).startsWith(path.asText() + "/"));
                continue;
            }
            // no shared volume: a Lease, which the Deployment overlay and the CronJob overlay share (same name, same
            // default namespace), so the two can never sync the same account at once
            assertThat(type).as(overlay).isEqualTo("kubernetes");
            assertThat(props.getProperty("sync.leader-election.name", "freshdesk-bigquery")).as(overlay)
                    .isEqualTo("freshdesk-bigquery");
            JsonNode syncer = syncers(overlay).get(0);
            JsonNode podLabels = syncer.path("kind").asText().equals("CronJob")
                    ? syncer.at("/spec/jobTemplate/spec/template/metadata/labels")
                    : syncer.at("/spec/template/metadata/labels");
            assertThat(podLabels.path("app.kubernetes.io/name").asText())
                    .as(overlay + ": the candidates' label on the pod")
                    .isEqualTo("freshdesk-bigquery");
            JsonNode role = ofKind(overlay, "Role").get(0);
            assertThat(role.toString()).contains("\"leases\"", "\"get\"", "\"create\"", "\"update\"", "\"pods\"",
                    "\"list\"");
            JsonNode binding = ofKind(overlay, "RoleBinding").get(0);
            assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
            assertThat(binding.at("/subjects/0/name").asText()).as(overlay + ": the pod's ServiceAccount is bound")
                    .isEqualTo(pod.path("serviceAccountName").asText());
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).as(overlay).isTrue();
        }
    }

    @Test
    void theLeaseRoleReadsAndRenewsOnlyTheElectionsOwnLease() throws IOException {
        for (String overlay : OVERLAYS) {
            if (!leasesElection(overlay)) {
                continue;
            }
            String lease = leaseName(electionName(overlay));
            JsonNode role = ofKind(overlay, "Role").get(0);
            List<String> creates = new ArrayList<>();
            for (JsonNode rule : role.path("rules")) {
                if (!values(rule.path("resources")).contains("leases")) {
                    continue;
                }
                List<String> verbs = values(rule.path("verbs"));
                assertThat(verbs).as(overlay + ": Lease verbs").isSubsetOf("get", "update", "create");
                if (verbs.contains("get") || verbs.contains("update")) {
                    assertThat(values(rule.path("resourceNames"))).as(overlay + ": the Leases " + verbs + " may touch")
                            .containsExactly(lease);
                }
                if (verbs.contains("create")) {
                    // RBAC sees no object name on a create: resourceNames there would refuse every create
                    assertThat(rule.has("resourceNames")).as(overlay + ": create restricted by name").isFalse();
                    creates.add(rule.toString());
                }
            }
            assertThat(creates).as(overlay + ": a rule lets the first syncer create the Lease").hasSize(1);
            assertThat(role.toString()).contains("\"get\"", "\"update\"");
        }
    }

    /** The election's name in the overlay, or the app's default ({@code application.properties}). */
    static String electionName(String overlay) throws IOException {
        Matcher byDefault = Pattern.compile("(?m)^#?sync\\.leader-election\\.name=(\\S+)$")
                .matcher(Files.readString(Path.of("application.properties")));
        assertThat(byDefault.find()).isTrue();
        return overlayProperties(overlay).getProperty("sync.leader-election.name", byDefault.group(1));
    }

    /**
     * The Lease Camel's Kubernetes cluster service elects through: its resource name ("leaders") and the election's,
     * made a valid Kubernetes name as camel-kubernetes' NativeLeaseResourceManager does (lower case, any character
     * outside a-z 0-9 . - replaced by -, no non-alphanumeric character at either end).
     */
    static String leaseName(String election) {
        return ("leaders-" + election).toLowerCase()
                .replaceAll("[^a-z0-9-.]", "-")
                .replaceAll("^[^a-z0-9]+", "")
                .replaceAll("[^a-z0-9]+$", "");
    }

    static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void onlyPrometheusMayReachPort8080() {
        for (String overlay : OVERLAYS) {
            List<JsonNode> rules = new ArrayList<>();
            ofKind(overlay, "NetworkPolicy").forEach(policy -> policy.at("/spec/ingress").forEach(rules::add));
            assertThat(rules).as(overlay + ": ingress rules").isNotEmpty();
            for (JsonNode rule : rules) {
                assertThat(rule.path("ports").findValues("port").stream().map(JsonNode::asText).toList())
                        .as(overlay + ": an ingress rule names its port")
                        .containsExactly("8080");
                // no from = every source; the kubelet's probes need no rule (traffic from the pod's node is allowed)
                assertThat(rule.path("from")).as(overlay + ": who may reach 8080").isNotEmpty();
                for (JsonNode peer : rule.path("from")) {
                    assertThat(peer.has("ipBlock")).as(overlay + ": an address range, not a scraper").isFalse();
                    assertThat(peer.at("/podSelector/matchLabels").size()
                            + peer.at("/podSelector/matchExpressions").size())
                            .as(overlay + ": the scraper's pods by label: " + peer)
                            .isPositive();
                    assertThat(peer.at("/namespaceSelector/matchLabels").size()
                            + peer.at("/namespaceSelector/matchExpressions").size())
                            .as(overlay + ": the scraper's namespace by label: " + peer)
                            .isPositive();
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- memory

    @Test
    void heapDuckDbAndTheRestFitTheContainersLimit() throws IOException {
        for (String overlay : OVERLAYS) {
            JsonNode container = container(syncers(overlay).get(0));
            long limit = mebibytes(container.at("/resources/limits/memory").asText());
            Map<String, String> env = env(container);
            // the image's start-java.sh passes -XX:MaxRAMPercentage=$JAVA_MAX_MEM_RATIO (50 when unset) on the command
            // line, which overrides the same flag in JAVA_TOOL_OPTIONS: the heap is set by JAVA_MAX_MEM_RATIO alone
            assertThat(env.getOrDefault("JAVA_TOOL_OPTIONS", ""))
                    .as(overlay + ": a heap size the start script would override")
                    .doesNotContain("MaxRAMPercentage", "-Xmx");
            assertThat(env).as(overlay + ": the heap's share").containsKey("JAVA_MAX_MEM_RATIO");
            long heap = (long) (limit * Double.parseDouble(env.get("JAVA_MAX_MEM_RATIO")) / 100);
            Properties props = overlayProperties(overlay);
            long duckDb = "duckdb".equals(props.getProperty("destination.type"))
                    ? mebibytes(props.getProperty("destination.duckdb.memory-limit", "512MB"))
                    : 0;
            // metaspace, threads, code cache, and with DuckDB its JNI library and its memory beyond the buffer pool:
            // 446-545 MiB measured beside DuckDB in million-ticket backfills (k8s/README.md), under 256 without it
            long rest = duckDb > 0 ? 512 : 256;
            assertThat(heap + duckDb + rest).as(overlay + ": heap " + heap + "Mi + DuckDB " + duckDb + "Mi + " + rest
                    + "Mi within " + limit + "Mi").isLessThanOrEqualTo(limit);
        }
    }

    static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    /** Out of memory, the JVM exits (and Kubernetes restarts it) instead of living on half dead without a word. */
    @Test
    void everyJvmExitsWhenItRunsOutOfMemory() throws IOException {
        Matcher image = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"")
                .matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
        assertThat(image.find()).isTrue();
        assertThat(image.group(1).split("\\s+")).as("the image's JAVA_OPTS_APPEND").contains(EXIT_ON_OOM);
        // and in every manifest's own JVM options, for an image built some other way
        for (String overlay : OVERLAYS) {
            assertThat(env(container(syncers(overlay).get(0))).getOrDefault("JAVA_TOOL_OPTIONS", "").split("\\s+"))
                    .as(overlay + ": JAVA_TOOL_OPTIONS")
                    .contains(EXIT_ON_OOM);
        }
        JsonNode integration = parse(Files.readString(K8S.resolve("camel-k/integration.yaml"))).get(0);
        assertThat(values(integration.at("/spec/traits/environment/vars")))
                .as("the Camel K Integration's environment")
                .anySatisfy(variable -> assertThat(variable).startsWith("JAVA_TOOL_OPTIONS=").contains(EXIT_ON_OOM));
        // and in the README's commands that run the app
        List<String> runs = Files.readString(Path.of("README.md"))
                .lines()
                .filter(line -> line.matches(".*\\bjava .*-jar .*"))
                .toList();
        assertThat(runs).as("README's java -jar commands")
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(line -> assertThat(line).contains("java " + EXIT_ON_OOM));
    }

    /** Kubernetes quantities (Mi, Gi) and DuckDB sizes (MB, GB, MiB, GiB) in MiB. */
    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)\\s*([A-Za-z]+)").matcher(quantity.trim());
        assertThat(m.matches()).as(quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "mi", "mib" -> n;
            case "gi", "gib" -> n * 1024;
            case "mb", "m" -> n * 1_000_000 / (1024 * 1024);
            case "gb", "g" -> n * 1_000_000_000L / (1024 * 1024);
            default -> throw new IllegalArgumentException(quantity);
        };
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static List<JsonNode> ofKind(String overlay, String kind) {
        return RESOURCES.get(overlay).stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    static List<JsonNode> syncers(String overlay) {
        return RESOURCES.get(overlay)
                .stream()
                .filter(r -> Set.of("Deployment", "CronJob", "StatefulSet", "Job", "DaemonSet")
                        .contains(r.path("kind").asText()))
                .toList();
    }

    static JsonNode podSpec(JsonNode syncer) {
        return syncer.path("kind").asText().equals("CronJob")
                ? syncer.at("/spec/jobTemplate/spec/template/spec")
                : syncer.at("/spec/template/spec");
    }

    static JsonNode container(JsonNode syncer) {
        JsonNode containers = podSpec(syncer).path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }
}
