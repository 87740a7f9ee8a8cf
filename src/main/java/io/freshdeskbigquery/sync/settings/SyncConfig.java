package io.freshdeskbigquery.sync.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The {@code sync.*} and {@code health.*} keys, with their defaults. Checked by {@link SyncSettings} with messages
 * naming the key and the allowed values.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Streams to load, comma separated. */
    @WithDefault("tickets,contacts,companies")
    String streams();

    /** Cursor of a stream's first run (ISO-8601, UTC). */
    @WithDefault("2000-01-01T00:00:00Z")
    String startDate();

    /**
     * How far past the loader's own clock a record's {@code updated_at} may lie and still move the cursor. A record
     * dated further ahead (9999-12-31, 2100-01-01) is loaded, with a warning, but the cursor does not follow it: were
     * it to, every later run would ask for changes since that date and never see a real one again.
     */
    @WithDefault("1d")
    Duration maxFutureSkew();

    /** Quartz cron (with seconds) for every stream; unset: each stream's own default ({@code FreshdeskStream}). */
    Optional<String> schedule();

    /**
     * Check instead of syncing: the API key and its permission per stream (one request each) and the destination's
     * access; print a table and exit 0 (all passed) or 1.
     */
    @WithDefault("false")
    boolean check();

    /** Run every stream once, then exit 0 (all succeeded) or 1 (any failed). */
    @WithDefault("false")
    boolean once();

    /** {@code sync.write.*}: how the rows read are handed to the destination. */
    Write write();

    interface Write {
        /**
         * Rows gathered from consecutive pages into one write (a page is never split): the destination's statements,
         * its transaction and the cursor commit after it are paid once per batch, not per page. A batch is written on
         * its own thread while the next pages are fetched; the cursor moves only after its batch is written.
         */
        @WithDefault("2000")
        int batchRows();
    }

    /** {@code sync.leader-election.*}: one active syncer per account. */
    LeaderElection leaderElection();

    interface LeaderElection {
        /**
         * {@code none}: this process syncs on its own. {@code file}: the syncers that share
         * {@code sync.leader-election.root} (a folder on a shared file system, such as the DuckDB volume) elect one by
         * a file lock; the others stand by and take over when it dies. {@code kubernetes}: the syncer pods of the
         * account elect one through a Kubernetes Lease ({@code sync.leader-election.kubernetes.*}).
         */
        @WithDefault("none")
        String type();

        /** The folder of the file lock ({@code type=file}). */
        @WithDefault("data/leader")
        String root();

        /** The name of the election: syncers of the same account use the same one. */
        @WithDefault("freshdesk-bigquery")
        String name();

        /** How often a standby tries to take the lock (and, with {@code kubernetes}, how often the leader renews it). */
        @WithDefault("5s")
        Duration interval();

        /** {@code sync.leader-election.kubernetes.*}: the Lease election ({@code type=kubernetes}). */
        Kubernetes kubernetes();
    }

    interface Kubernetes {
        /** The namespace of the Lease and of the candidate pods; unset: the pod's own namespace. */
        Optional<String> namespace();

        /** This candidate's name in the election: its pod's name. Unset: {@code HOSTNAME}, which is the pod's name. */
        Optional<String> podName();

        /**
         * The labels (comma-separated {@code key=value}) that select the candidate pods: only a Running and Ready pod
         * with all of them can lead, and a leader whose pod is gone or not Ready is replaced.
         */
        @WithDefault("app.kubernetes.io/name=freshdesk-bigquery")
        String labels();

        /**
         * How long a new leader waits before it syncs, so that an old leader cut off from the API server has stopped
         * (Camel's lease duration; the leader's renew deadline is two thirds of it).
         */
        @WithDefault("15s")
        Duration leaseDuration();
    }

    /** {@code sync.<stream>.schedule}: a stream's own cron. */
    @WithParentName
    Map<String, StreamSchedule> stream();

    interface StreamSchedule {
        Optional<String> schedule();

        /**
         * {@code sync.<stream>.lookback}: how far before its cursor a run of a stream filtered by creation time
         * ({@code satisfaction_ratings}) reads again.
         */
        Optional<Duration> lookback();

        /**
         * {@code sync.tickets.include}: what the tickets list embeds in each ticket, comma separated: {@code description},
         * {@code stats}, {@code requester}. Each costs Freshdesk credits on every tickets-list request.
         */
        Optional<String> include();

        /**
         * {@code sync.tickets.deletions}, {@code sync.contacts.deletions}: {@code true} (unset) or {@code false}. True:
         * the stream brings its deletion lists along ({@code deleted_tickets} and {@code spam_tickets};
         * {@code deleted_contacts}), as if {@code sync.streams} named them too. A string, so that a wrong value is
         * refused naming the key ({@link SyncSettings}).
         */
        Optional<String> deletions();

        /**
         * {@code sync.ticket_activities.backfill}: how many days before today a first run of the ticket activity export
         * starts, at most (not before {@code sync.start-date}); default 30 days, as long as Freshdesk keeps an export.
         */
        Optional<Duration> backfill();

        /**
         * {@code sync.ticket_activities.export-delay}: how long after a day ends (UTC) its export may still be missing
         * before the day is skipped with a warning; until then a run stops at that day. Default 2 days.
         */
        Optional<Duration> exportDelay();
    }
}
