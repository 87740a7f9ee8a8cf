package io.freshdeskbigquery.sync.activities;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.sync.settings.SyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An activity's key, and the days a run of the export reads. */
class ActivityKeysAndSettingsTest {

    static final LocalDate DAY = LocalDate.parse("2026-12-01");
    final ObjectMapper json = new ObjectMapper();

    @Test
    void anActivitysKeyIsItsDayItsContentInAnyKeyOrderAndItsPlaceAmongIdenticalOnes() throws Exception {
        var one = json.readTree("{\"ticket_id\":1,\"activity\":{\"status\":\"Open\",\"priority\":2}}");
        var sameReordered = json.readTree("{\"activity\":{\"priority\":2,\"status\":\"Open\"},\"ticket_id\":1}");
        var other = json.readTree("{\"ticket_id\":1,\"activity\":{\"status\":\"Pending\",\"priority\":2}}");

        assertThat(ActivityRows.keyOf(DAY, one, 0)).isEqualTo(ActivityRows.keyOf(DAY, sameReordered, 0))
                .isNotEqualTo(ActivityRows.keyOf(DAY, one, 1))
                .isNotEqualTo(ActivityRows.keyOf(DAY.plusDays(1), one, 0))
                .isNotEqualTo(ActivityRows.keyOf(DAY, other, 0))
                .isPositive();
        assertThat(ActivityRows.canonical(sameReordered))
                .isEqualTo("{\"activity\":{\"priority\":2,\"status\":\"Open\"},\"ticket_id\":1}");
    }

    @Test
    void aRunReadsTheDaysOverSinceItsCursorAndAFirstRunStartsThirtyDaysBack() {
        Instant now = Instant.parse("2026-12-07T23:30:00Z");
        ActivityDays days = new ActivityDays(Instant.parse("2026-12-05T00:00:00Z"), now);
        assertThat(days.hasNext()).isTrue();
        assertThat(days.next()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(days.dayDone(false)).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(days.next()).isEqualTo(LocalDate.parse("2026-12-06"));
        // a missing export of yesterday may still come; of a day long over, not
        assertThat(days.missingTooLong(Duration.ofDays(2), now)).isFalse();
        assertThat(days.dayDone(false)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(days.hasNext()).as("today is not over").isFalse();
        ActivityDays old = new ActivityDays(Instant.parse("2026-12-01T00:00:00Z"), now);
        old.next();
        assertThat(old.missingTooLong(Duration.ofDays(2), now)).isTrue();

        ActivitySettings defaults = new ActivitySettings(Map.of(), LocalDate.parse("2000-01-01"));
        assertThat(defaults.firstDay(LocalDate.parse("2026-12-07"))).isEqualTo(LocalDate.parse("2026-11-07"));
        assertThat(defaults.exportDelay()).isEqualTo(Duration.ofDays(2));
        // not before sync.start-date
        assertThat(new ActivitySettings(Map.of(), LocalDate.parse("2026-12-01")).firstDay(LocalDate.parse(
                "2026-12-07"))).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(new ActivitySettings(Map.of("ticket_activities", own(Duration.ofDays(3), null)),
                LocalDate.parse("2000-01-01")).firstDay(LocalDate.parse("2026-12-07")))
                .isEqualTo(LocalDate.parse("2026-12-04"));
    }

    @Test
    void theKeysAreCheckedNamingThem() {
        LocalDate start = LocalDate.parse("2000-01-01");
        assertThatThrownBy(() -> new ActivitySettings(Map.of("tickets", own(Duration.ofDays(3), null)), start))
                .hasMessageContaining("sync.tickets.backfill is set, but only ticket_activities takes a backfill");
        assertThatThrownBy(() -> new ActivitySettings(Map.of("tickets", own(null, Duration.ofDays(3))), start))
                .hasMessageContaining("sync.tickets.export-delay is set");
        assertThatThrownBy(() -> new ActivitySettings(Map.of("ticket_activities", own(Duration.ofHours(2), null)),
                start)).hasMessageContaining("sync.ticket_activities.backfill must be at least 1d");
        assertThatThrownBy(() -> new ActivitySettings(Map.of("ticket_activities", own(null, Duration.ofDays(-1))),
                start)).hasMessageContaining("sync.ticket_activities.export-delay must not be negative");
    }

    @Test
    void theKeysAreTheStreamsOwnAsTheOperatorWritesThem() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SyncConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("sync.ticket_activities.backfill",
                        "3d", "sync.ticket_activities.export-delay", "12h"), "test", 100))
                .build();
        ActivitySettings settings = new ActivitySettings(config.getConfigMapping(SyncConfig.class).stream(),
                LocalDate.parse("2000-01-01"));

        assertThat(settings.backfill()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.exportDelay()).isEqualTo(Duration.ofHours(12));
    }

    static SyncConfig.StreamSchedule own(Duration backfill, Duration exportDelay) {
        return new SyncConfig.StreamSchedule() {
            @Override
            public Optional<String> schedule() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> lookback() {
                return Optional.empty();
            }

            @Override
            public Optional<String> include() {
                return Optional.empty();
            }

            @Override
            public Optional<String> deletions() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> backfill() {
                return Optional.ofNullable(backfill);
            }

            @Override
            public Optional<Duration> exportDelay() {
                return Optional.ofNullable(exportDelay);
            }
        };
    }
}
