package io.freshdeskbigquery.sync.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.freshdeskbigquery.app.LeaderElection;
import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.freshdeskbigquery.freshdesk.PageRequestQueries;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    /** The settings as the application would read them from these properties (defaults from SyncConfig). */
    private static SyncSettings settings(Map<String, String> properties, String streams, String startDate,
            boolean once) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("sync.streams", streams);
        all.put("sync.start-date", startDate);
        all.put("sync.once", Boolean.toString(once));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SyncConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build();
        return new SyncSettings(config.getConfigMapping(SyncConfig.class));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SyncSettings settings = new SyncSettings(new SmallRyeConfigBuilder().withMapping(SyncConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .build()
                .getConfigMapping(SyncConfig.class));

        // tickets and contacts bring their deletion lists along
        assertThat(settings.streams()).containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS,
                FreshdeskCatalogue.SPAM_TICKETS, FreshdeskCatalogue.CONTACTS, FreshdeskCatalogue.DELETED_CONTACTS,
                FreshdeskCatalogue.COMPANIES);
        assertThat(settings.startDate()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(settings.schedule(FreshdeskCatalogue.TICKETS)).isEqualTo("0 0/15 * * * ?");
        assertThat(settings.once()).isFalse();
        assertThat(settings.maxFutureSkew()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aMaxFutureSkewThatIsNotPositiveIsRefusedNamingItsKey() {
        assertThatThrownBy(
                () -> settings(Map.of("sync.max-future-skew", "0s"), "tickets", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.max-future-skew must be a positive duration");
        assertThatThrownBy(
                () -> settings(Map.of("sync.max-future-skew", "-2h"), "tickets", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.max-future-skew");
        assertThat(settings(Map.of("sync.max-future-skew", "2h"), "tickets", "2024-01-01T00:00:00Z", false)
                .maxFutureSkew())
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aScheduleThatIsNotACronExpressionIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> settings(Map.of("sync.contacts.schedule", "every 5 minutes"), "tickets,contacts",
                "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.contacts.schedule 'every 5 minutes' is not a Quartz cron expression");
        assertThatThrownBy(
                () -> settings(Map.of("sync.schedule", "*/5 * * * *"), "tickets", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.schedule '*/5 * * * *'");
    }

    @Test
    void aStreamScheduleOverridesTheCommonOne() {
        SyncSettings settings = settings(Map.of("sync.tickets.schedule", "0 0/5 * * * ?"), "tickets, contacts",
                "2024-01-01T00:00:00Z", false);

        assertThat(settings.triggerUri(FreshdeskCatalogue.TICKETS)).endsWith("cron=0+0/5+*+*+*+?");
        assertThat(settings.triggerUri(FreshdeskCatalogue.CONTACTS)).endsWith("cron=0+0/15+*+*+*+?");
        assertThat(settings.streams()).containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS,
                FreshdeskCatalogue.SPAM_TICKETS, FreshdeskCatalogue.CONTACTS, FreshdeskCatalogue.DELETED_CONTACTS);
    }

    @Test
    void ticketsAndContactsBringTheirDeletionListsUnlessTurnedOff() {
        assertThat(settings(Map.of(), "tickets", "2024-01-01T00:00:00Z", false).streams()).containsExactly(
                FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS, FreshdeskCatalogue.SPAM_TICKETS);
        assertThat(settings(Map.of(), "contacts", "2024-01-01T00:00:00Z", false).streams())
                .containsExactly(FreshdeskCatalogue.CONTACTS, FreshdeskCatalogue.DELETED_CONTACTS);
        assertThat(settings(Map.of(), "companies,conversations", "2024-01-01T00:00:00Z", false).streams())
                .containsExactly(FreshdeskCatalogue.COMPANIES, FreshdeskCatalogue.CONVERSATIONS);

        assertThat(settings(Map.of("sync.tickets.deletions", "false"), "tickets,contacts", "2024-01-01T00:00:00Z",
                false).streams())
                .containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.CONTACTS,
                        FreshdeskCatalogue.DELETED_CONTACTS);
        assertThat(settings(Map.of("sync.contacts.deletions", " FALSE ", "sync.tickets.deletions", "true"),
                "tickets,contacts", "2024-01-01T00:00:00Z", false).streams())
                .containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS,
                        FreshdeskCatalogue.SPAM_TICKETS, FreshdeskCatalogue.CONTACTS);
    }

    @Test
    void aDeletionListNamedBesideItsStreamRunsOnceAndStillRunsWhenTheStreamDoesNotBringIt() {
        assertThat(settings(Map.of(), "tickets,deleted_tickets,contacts,deleted_contacts", "2024-01-01T00:00:00Z",
                false).streams())
                .containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS,
                        FreshdeskCatalogue.SPAM_TICKETS, FreshdeskCatalogue.CONTACTS,
                        FreshdeskCatalogue.DELETED_CONTACTS);
        assertThat(settings(Map.of(), "spam_tickets,tickets", "2024-01-01T00:00:00Z", false).streams())
                .containsExactly(FreshdeskCatalogue.SPAM_TICKETS, FreshdeskCatalogue.TICKETS,
                        FreshdeskCatalogue.DELETED_TICKETS);
        // turned off, a deletion list runs where sync.streams names it, as before
        assertThat(settings(Map.of("sync.tickets.deletions", "false", "sync.contacts.deletions", "false"),
                "tickets,deleted_tickets,contacts,deleted_contacts", "2024-01-01T00:00:00Z", false).streams())
                .containsExactly(FreshdeskCatalogue.TICKETS, FreshdeskCatalogue.DELETED_TICKETS,
                        FreshdeskCatalogue.CONTACTS, FreshdeskCatalogue.DELETED_CONTACTS);
    }

    @Test
    void allLeavesOutTheDeletionListsTurnedOff() {
        assertThat(settings(Map.of("sync.tickets.deletions", "false"), "all", "2024-01-01T00:00:00Z", false)
                .streams())
                .containsExactlyElementsOf(FreshdeskCatalogue.values()
                        .stream()
                        .filter(s -> s != FreshdeskCatalogue.DELETED_TICKETS && s != FreshdeskCatalogue.SPAM_TICKETS)
                        .toList())
                .contains(FreshdeskCatalogue.DELETED_CONTACTS);
    }

    @Test
    void aDeletionsKeyThatIsNotTrueOrFalseOrOfAStreamWithoutDeletionListsIsRefusedNamingIt() {
        assertThatThrownBy(() -> settings(Map.of("sync.tickets.deletions", "no"), "tickets", "2024-01-01T00:00:00Z",
                false))
                .hasMessage("sync.tickets.deletions 'no' is not true or false (whether tickets brings its lists of"
                        + " deleted records along: deleted_tickets, spam_tickets)");
        // checked also when the stream is not synced
        assertThatThrownBy(() -> settings(Map.of("sync.contacts.deletions", "off"), "companies",
                "2024-01-01T00:00:00Z", false))
                .hasMessageStartingWith("sync.contacts.deletions 'off' is not true or false");
        assertThatThrownBy(() -> settings(Map.of("sync.companies.deletions", "false"), "companies",
                "2024-01-01T00:00:00Z", false))
                .hasMessage("sync.companies.deletions is set, but companies has no lists of deleted records; only"
                        + " these have: tickets, contacts");
    }

    @Test
    void aDeletionListRunsOnTheScheduleOfItsStreamUnlessItHasItsOwn() {
        SyncSettings settings = settings(
                Map.of("sync.tickets.schedule", "0 0 * * * ?", "sync.spam_tickets.schedule", "0 30 * * * ?"),
                "tickets,contacts", "2024-01-01T00:00:00Z", false);
        assertThat(settings.schedule(FreshdeskCatalogue.DELETED_TICKETS)).isEqualTo("0 0 * * * ?");
        assertThat(settings.schedule(FreshdeskCatalogue.SPAM_TICKETS)).isEqualTo("0 30 * * * ?");
        assertThat(settings.schedule(FreshdeskCatalogue.DELETED_CONTACTS)).isEqualTo("0 0/15 * * * ?");
        assertThat(settings(Map.of("sync.schedule", "0 0 6 * * ?"), "contacts", "2024-01-01T00:00:00Z", false)
                .schedule(FreshdeskCatalogue.DELETED_CONTACTS))
                .isEqualTo("0 0 6 * * ?");
        // the key named is the one that set the schedule
        assertThatThrownBy(() -> settings(Map.of("sync.tickets.schedule", "hourly"), "deleted_tickets",
                "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.tickets.schedule 'hourly' is not a Quartz cron expression");
    }

    @Test
    void withoutASchedulesEachStreamRunsOnItsOwnDefaultAndSyncScheduleSetsThemAll() {
        SyncSettings defaults = settings(Map.of(), "tickets,contacts,companies,agents,groups,roles",
                "2024-01-01T00:00:00Z", false);
        assertThat(defaults.schedule(FreshdeskCatalogue.TICKETS)).isEqualTo("0 0/15 * * * ?");
        assertThat(defaults.schedule(FreshdeskCatalogue.COMPANIES)).isEqualTo("0 0/15 * * * ?");
        // dimensions: once a day
        assertThat(defaults.schedule(FreshdeskCatalogue.AGENTS)).isEqualTo("0 30 2 * * ?");
        assertThat(defaults.schedule(FreshdeskCatalogue.ROLES)).isEqualTo("0 30 2 * * ?");

        SyncSettings common = settings(Map.of("sync.schedule", "0 0 * * * ?", "sync.groups.schedule", "0 0 6 * * ?"),
                "tickets,agents,groups", "2024-01-01T00:00:00Z", false);
        assertThat(common.schedule(FreshdeskCatalogue.TICKETS)).isEqualTo("0 0 * * * ?");
        assertThat(common.schedule(FreshdeskCatalogue.AGENTS)).isEqualTo("0 0 * * * ?");
        assertThat(common.schedule(FreshdeskCatalogue.GROUPS)).isEqualTo("0 0 6 * * ?");
    }

    @Test
    void everyStreamsDefaultScheduleIsAValidCron() {
        for (FreshdeskStream stream : FreshdeskCatalogue.values()) {
            assertThat(CronExpression.isValidExpression(stream.defaultSchedule())).as(stream.streamName())
                    .isTrue();
        }
    }

    @Test
    void aLeaderElectionOfAnUnknownTypeIsRefusedNamingTheKey() {
        Function<Map<String, String>, SyncConfig> config = props -> new SmallRyeConfigBuilder()
                .withMapping(SyncConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build()
                .getConfigMapping(SyncConfig.class);

        assertThatThrownBy(
                () -> new LeaderElection(config.apply(Map.of("sync.leader-election.type", "zookeeper")), null))
                .hasMessage("sync.leader-election.type 'zookeeper' is not one of: none, file, kubernetes");
        assertThat(new LeaderElection(config.apply(Map.of()), null).enabled()).isFalse();
        LeaderElection file = new LeaderElection(config.apply(Map.of("sync.leader-election.type", "file")), null);
        assertThat(file.trigger("quartz:freshdesk/tickets?cron=x"))
                .isEqualTo("master:freshdesk-bigquery:quartz:freshdesk/tickets?cron=x");
        assertThat(new LeaderElection(config.apply(Map.of("sync.leader-election.type", "kubernetes")), null).enabled())
                .isTrue();
        assertThatThrownBy(() -> new LeaderElection(config.apply(Map.of("sync.leader-election.type", "kubernetes",
                "sync.leader-election.kubernetes.labels", "app=freshdesk-bigquery,tier")), null))
                .hasMessageContaining("sync.leader-election.kubernetes.labels 'app=freshdesk-bigquery,tier' must be");
        assertThatThrownBy(() -> new LeaderElection(config.apply(Map.of("sync.leader-election.type", "kubernetes",
                "sync.leader-election.kubernetes.lease-duration", "6s")), null))
                .hasMessageContaining("sync.leader-election.interval (5 s) must be shorter than two thirds");
    }

    @Test
    void allMeansEveryStreamOfTheCatalogue() {
        assertThat(settings(Map.of(), "all", "2024-01-01T00:00:00Z", false).streams())
                .containsExactlyElementsOf(FreshdeskCatalogue.values())
                .contains(FreshdeskCatalogue.CONVERSATIONS);
    }

    @Test
    void satisfactionRatingsReadFourteenDaysBackUnlessConfiguredAndOnlyTheyTakeALookback() {
        assertThat(
                settings(Map.of(), "satisfaction_ratings", "2024-01-01T00:00:00Z", false).stream("satisfaction_ratings")
                        .lookback())
                .isEqualTo(Duration.ofDays(14));
        assertThat(settings(Map.of("sync.satisfaction_ratings.lookback", "30d"), "satisfaction_ratings",
                "2024-01-01T00:00:00Z", false).stream("satisfaction_ratings").lookback())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(
                () -> settings(Map.of("sync.tickets.lookback", "1d"), "tickets", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("sync.tickets.lookback is set, but tickets is filtered by update time");
    }

    @Test
    void theTicketsListEmbedsWhatSyncTicketsIncludeAsksAndNothingElse() {
        SyncSettings settings = settings(Map.of("sync.tickets.include", "stats, description"), "tickets,conversations",
                "2024-01-01T00:00:00Z", false);
        assertThat(PageRequestQueries
                .of(new StreamRun(settings.stream("tickets"), "r", Instant.EPOCH)))
                .contains("&include=stats,description&");
        // the conversations run lists the tickets without embedding anything: it needs their ids and times only
        assertThat(PageRequestQueries
                .of(new StreamRun(settings.stream("conversations"), "r", Instant.EPOCH)))
                .doesNotContain("include");
        assertThatThrownBy(() -> settings(Map.of("sync.tickets.include", "stats,conversations"), "tickets",
                "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("'conversations' is not one of description, stats, requester");
        assertThatThrownBy(
                () -> settings(Map.of("sync.contacts.include", "stats"), "contacts", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("only the tickets list embeds");
    }

    @Test
    void anUnknownStreamIsRefusedWithTheSupportedOnesNamed() {
        assertThatThrownBy(() -> settings(Map.of(), "tickets,tikets", "2024-01-01T00:00:00Z", false))
                .hasMessageContaining("Unknown stream 'tikets' in sync.streams")
                .hasMessageContaining("tickets, contacts, companies");
    }

    @Test
    void aStartDateThatIsNotATimestampIsRefused() {
        assertThatThrownBy(() -> settings(Map.of(), "tickets", "2024-01-01", false))
                .hasMessageContaining("sync.start-date '2024-01-01'");
    }
}
