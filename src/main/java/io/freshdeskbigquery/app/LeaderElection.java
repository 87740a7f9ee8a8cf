package io.freshdeskbigquery.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.freshdeskbigquery.sync.settings.SyncConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.spi.CamelContextCustomizer;
import org.jboss.logging.Logger;

/**
 * One active syncer per account ({@code sync.leader-election.*}). With {@code type=file}, the syncers that share
 * {@code sync.leader-election.root} elect one through Camel's file-lock cluster service: each stream's schedule is a
 * {@code master:} route, whose Quartz trigger runs only in the leader; the others stand by, make no request, and the
 * first to take the lock after the leader dies (the operating system releases a dead process's lock) takes over. With
 * {@code type=kubernetes} the candidates are the Running and Ready pods with the labels of
 * {@code sync.leader-election.kubernetes.labels}, and the leader holds a {@code coordination.k8s.io} Lease
 * ({@code leaders-<name>}) through Camel's Kubernetes cluster service: when its pod is gone or not Ready, another
 * candidate takes the Lease and, a lease duration later, syncs. A run of {@code sync.once} waits until it leads. With
 * {@code type=none} every process syncs on its own.
 */
@ApplicationScoped
public class LeaderElection implements CamelContextCustomizer {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final SyncConfig.LeaderElection config;
    private final Instance<KubernetesClient> kubernetes;
    private final String type;
    private volatile CamelClusterService service;

    @Inject
    public LeaderElection(SyncConfig config, Instance<KubernetesClient> kubernetes) {
        this.config = config.leaderElection();
        this.kubernetes = kubernetes;
        this.type = this.config.type().trim().toLowerCase();
        if (!type.equals("none") && !type.equals("file") && !type.equals("kubernetes")) {
            throw new IllegalArgumentException("sync.leader-election.type '" + this.config.type()
                    + "' is not one of: none, file, kubernetes");
        }
        if (!this.config.name().matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("sync.leader-election.name '" + this.config.name()
                    + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (this.config.interval().isNegative() || this.config.interval().isZero()) {
            throw new IllegalArgumentException("sync.leader-election.interval must be positive, e.g. 5s");
        }
        if (type.equals("kubernetes")) {
            labels(this.config.kubernetes().labels());
            Duration renew = renewDeadline();
            if (this.config.interval().compareTo(renew) >= 0) {
                throw new IllegalArgumentException("sync.leader-election.interval ("
                        + this.config.interval().toSeconds()
                        + " s) must be shorter than two thirds of sync.leader-election.kubernetes.lease-duration ("
                        + this.config.kubernetes().leaseDuration().toSeconds()
                        + " s): the leader renews its Lease that often");
            }
        }
    }

    public boolean enabled() {
        return !type.equals("none");
    }

    /** The route's consumer: the trigger itself, or the trigger that runs only in the leader. */
    public String trigger(String uri) {
        return enabled() ? "master:" + config.name() + ":" + uri : uri;
    }

    /** Camel Main applies this before it creates the routes: their {@code master:} endpoints need the service. */
    @Override
    public void configure(CamelContext camel) {
        try {
            start(camel);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the " + type + " leader election: " + e.getMessage(), e);
        }
    }

    /** Adds the cluster service to Camel before the first {@code master:} route starts. */
    private synchronized void start(CamelContext camel) throws Exception {
        if (!enabled() || service != null) {
            return;
        }
        service = type.equals("kubernetes") ? lease() : fileLock();
        camel.addService(service, true, true);
    }

    private CamelClusterService fileLock() throws Exception {
        Path root = Path.of(config.root()).toAbsolutePath();
        Files.createDirectories(root);
        FileLockClusterService fileLock = new FileLockClusterService();
        fileLock.setId("freshdesk-bigquery-" + ProcessHandle.current().pid());
        fileLock.setRoot(root.toString());
        fileLock.setAcquireLockDelay(1, TimeUnit.SECONDS);
        fileLock.setAcquireLockInterval(config.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Leader election: the syncers sharing %s elect one (election %s); this one syncs only while it leads",
                root, config.name());
        return fileLock;
    }

    /** Camel's Lease-based cluster service over Quarkus's Kubernetes client (in a pod: its service account). */
    private CamelClusterService lease() {
        SyncConfig.Kubernetes settings = config.kubernetes();
        KubernetesConfiguration connection = new KubernetesConfiguration();
        connection.setKubernetesClient(kubernetes.get());
        KubernetesClusterService lease = new KubernetesClusterService(connection);
        lease.setLeaseResourceType(LeaseResourceType.Lease);
        lease.setClusterLabels(labels(settings.labels()));
        settings.namespace().ifPresent(lease::setKubernetesNamespace);
        settings.podName().ifPresent(lease::setPodName);
        lease.setLeaseDurationMillis(settings.leaseDuration().toMillis());
        lease.setRenewDeadlineMillis(renewDeadline().toMillis());
        lease.setRetryPeriodMillis(config.interval().toMillis());
        LOG.infof("Leader election: the Running and Ready pods labelled %s elect one through the Lease leaders-%s in "
                + "namespace %s; this one (%s) syncs only while it leads", settings.labels(), config.name(),
                settings.namespace().orElse("of this pod"), settings.podName().orElse(System.getenv("HOSTNAME")));
        return lease;
    }

    private Duration renewDeadline() {
        return config.kubernetes().leaseDuration().multipliedBy(2).dividedBy(3);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] keyValue = pair.trim().split("=", 2);
            if (keyValue.length != 2 || keyValue[0].isBlank() || keyValue[1].isBlank()) {
                throw new IllegalArgumentException("sync.leader-election.kubernetes.labels '" + text
                        + "' must be comma-separated key=value pairs, e.g. app.kubernetes.io/name=freshdesk-bigquery");
            }
            labels.put(keyValue[0].trim(), keyValue[1].trim());
        }
        return labels;
    }

    /** Waits until this process leads (a run of sync.once must not sync beside a leader), told by the view's events. */
    public void awaitLeadership(Duration timeout) throws Exception {
        if (!enabled()) {
            return;
        }
        CamelClusterView view = service.getView(config.name());
        CountDownLatch leads = new CountDownLatch(1);
        CamelClusterEventListener.Leadership listener = (changed, leader) -> {
            if (changed.getLocalMember().isLeader()) {
                leads.countDown();
            }
        };
        view.addEventListener(listener);
        try {
            if (!view.getLocalMember().isLeader()) {
                LOG.infof("Another syncer leads election %s; waiting for it to stop", config.name());
                if (!leads.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Another syncer still leads election " + config.name() + " after "
                            + timeout.toSeconds() + " s");
                }
            }
        } finally {
            view.removeEventListener(listener);
        }
    }
}
