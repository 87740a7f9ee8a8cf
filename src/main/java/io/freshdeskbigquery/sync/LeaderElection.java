package io.freshdeskbigquery.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.CamelContextCustomizer;
import org.jboss.logging.Logger;

/**
 * One active syncer per account ({@code sync.leader-election.*}). With {@code type=file}, the syncers that share
 * {@code sync.leader-election.root} elect one through Camel's file-lock cluster service: each stream's schedule is a
 * {@code master:} route, whose Quartz trigger runs only in the leader; the others stand by, make no request, and the
 * first to take the lock after the leader dies (the operating system releases a dead process's lock) takes over. A run
 * of {@code sync.once} waits until it leads. With {@code type=none} every process syncs on its own.
 */
@ApplicationScoped
public class LeaderElection implements CamelContextCustomizer {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final SyncConfig.LeaderElection config;
    private volatile FileLockClusterService service;

    @Inject
    public LeaderElection(SyncConfig config) {
        this.config = config.leaderElection();
        String type = this.config.type().trim().toLowerCase();
        if (!type.equals("none") && !type.equals("file")) {
            throw new IllegalArgumentException("sync.leader-election.type '" + this.config.type()
                    + "' is not one of: none, file");
        }
        if (!this.config.name().matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("sync.leader-election.name '" + this.config.name()
                    + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (this.config.interval().isNegative() || this.config.interval().isZero()) {
            throw new IllegalArgumentException("sync.leader-election.interval must be positive, e.g. 5s");
        }
    }

    public boolean enabled() {
        return config.type().trim().equalsIgnoreCase("file");
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
            throw new IllegalStateException("Cannot start the leader election in " + config.root() + ": " + e.getMessage(), e);
        }
    }

    /** Adds the cluster service to Camel before the first {@code master:} route starts. */
    private synchronized void start(CamelContext camel) throws Exception {
        if (!enabled() || service != null) {
            return;
        }
        Path root = Path.of(config.root()).toAbsolutePath();
        Files.createDirectories(root);
        FileLockClusterService fileLock = new FileLockClusterService();
        fileLock.setId("freshdesk-bigquery-" + ProcessHandle.current().pid());
        fileLock.setRoot(root.toString());
        fileLock.setAcquireLockDelay(1, TimeUnit.SECONDS);
        fileLock.setAcquireLockInterval(config.interval().toMillis(), TimeUnit.MILLISECONDS);
        camel.addService(fileLock, true, true);
        service = fileLock;
        LOG.infof("Leader election: the syncers sharing %s elect one (election %s); this one syncs only while it leads",
                root, config.name());
    }

    /** Waits until this process leads (a run of sync.once must not sync beside a leader), told by the view's events. */
    public void awaitLeadership(Duration timeout) throws Exception {
        if (!enabled()) {
            return;
        }
        CamelClusterView view = service.getView(config.name());
        java.util.concurrent.CountDownLatch leads = new java.util.concurrent.CountDownLatch(1);
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
