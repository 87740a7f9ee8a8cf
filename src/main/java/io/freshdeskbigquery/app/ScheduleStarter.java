package io.freshdeskbigquery.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import io.freshdeskbigquery.LogText;
import io.freshdeskbigquery.destination.Sink;
import io.freshdeskbigquery.sync.run.SyncRuns;
import io.freshdeskbigquery.sync.settings.SyncSettings;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the streams once the application is up and its HTTP server listens: their Quartz schedules, or, with
 * {@code sync.once=true}, one run of each stream right away, side by side (their cursors read first, all at once:
 * {@code Sink.READ_STATES}). Quarkus opens the HTTP port after the {@link StartupEvent}: the streams wait for
 * {@link HttpServerStart} (or {@link HttpsServerStart}, fired asynchronously), so a port that cannot be had (in use)
 * fails the start before anything is synced, and the built-in simulator, served on that port, answers the first run.
 * With {@code quarkus.http.host-enabled=false} (no HTTP server: no health or metrics endpoints) they start at the
 * {@link StartupEvent}, and so they do after a live reload in dev mode: the HTTP server listens on from before it.
 */
@ApplicationScoped
public class ScheduleStarter {

    /** The ids of the streams' schedule routes begin with it; they are started here once the application is up. */
    public static final String ROUTE_PREFIX = "schedule-";

    private static final Logger LOG = Logger.getLogger(ScheduleStarter.class);

    @Inject
    CamelContext camelContext;
    @Inject
    SyncSettings settings;
    @Inject
    ProducerTemplate producer;
    @Inject
    LeaderElection leaderElection;

    /** Quarkus's own key: false, no HTTP server (no health or metrics endpoints), and no listening to wait for. */
    @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true")
    boolean httpServer;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private final AtomicBoolean started = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) throws Exception {
        if (!httpServer) {
            start(); // no HTTP server to wait for
        } else if (LaunchMode.current() == LaunchMode.DEVELOPMENT && listening()) {
            // dev mode's live reload: the HTTP server listens on from before it, and tells no one again
            start();
        }
    }

    /** Whether the HTTP server listens already (at a start it does only after the StartupEvent). */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", httpPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The HTTP server listens (Quarkus fires the event asynchronously, once per server verticle): the streams start (the
     * first of the plain and the TLS server to listen starts them).
     */
    void onHttpServerStart(@ObservesAsync HttpServerStart event) throws Exception {
        start();
    }

    void onHttpsServerStart(@ObservesAsync HttpsServerStart event) throws Exception {
        start();
    }

    private void start() throws Exception {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (settings.check()) {
            LOG.infof("sync.check: checking %s and the destination, then the application exits", names());
            producer.asyncSendBody(CheckRoutes.CHECK, null);
            return;
        }
        if (settings.once()) {
            // beside a leading syncer, a run of sync.once waits for it to stop (a Job's activeDeadlineSeconds bounds
            // the wait), without holding up the application's start
            CompletableFuture.runAsync(() -> {
                try {
                    leaderElection.awaitLeadership(Duration.ofDays(1));
                } catch (Exception e) {
                    LOG.errorf("sync.once: %s", e.getMessage());
                    Quarkus.asyncExit(1);
                    return;
                }
                LOG.infof("sync.once: running %s once, then the application exits", names());
                runEachStreamOnce();
            });
            return;
        }
        for (Route route : camelContext.getRoutes()) {
            if (route.getRouteId().startsWith(ROUTE_PREFIX)) {
                camelContext.getRouteController().startRoute(route.getRouteId());
            }
        }
        LOG.infof("Streams %s scheduled: %s", names(), settings.describeSchedules());
    }

    /**
     * What {@code sync.once} runs: every stream's cursor read at once, then one run of each, side by side. Returns the
     * runs' ends (each run's outcome is {@link SyncRuns}'s; the last one ends the application under {@code sync.once}).
     */
    public List<CompletableFuture<Object>> runEachStreamOnce() {
        readStatesAhead();
        return settings.streams()
                .stream()
                .map(stream -> producer.asyncSendBody("direct:sync-" + stream.streamName(), null))
                .toList();
    }

    /**
     * Every stream's committed cursor read at once before the runs (BigQuery: one query job, one minimum bill, instead of
     * one a stream); each run's {@code Sink.LOAD_STATE} takes its own from it. Should it fail, each run reads its own
     * state, and fails with the reason if that fails too.
     */
    private void readStatesAhead() {
        try {
            producer.sendBody(Sink.READ_STATES, names());
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CamelExecutionException && e.getCause() != null
                    ? e.getCause()
                    : e;
            LOG.warnf("sync.once: reading every stream's cursor at once failed, each run reads its own: %s",
                    LogText.abbreviate(cause.getMessage(), 300));
        }
    }

    private List<String> names() {
        return settings.streams().stream().map(s -> s.streamName()).toList();
    }
}
