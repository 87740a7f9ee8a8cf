package io.freshdeskbigquery.sync;

import java.util.Map;

import io.freshdeskbigquery.freshdesk.FreshdeskStream;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    private static SyncSettings settings(Map<String, String> properties, String streams, String startDate, boolean once) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new SyncSettings(config, streams, startDate, "0 0/15 * * * ?", once);
    }

    @Test
    void aStreamScheduleOverridesTheCommonOne() {
        SyncSettings settings = settings(Map.of("sync.tickets.schedule", "0 0/5 * * * ?"), "tickets, contacts",
                "2024-01-01T00:00:00Z", false);

        assertThat(settings.triggerUri(FreshdeskStream.TICKETS)).endsWith("cron=0+0/5+*+*+*+?");
        assertThat(settings.triggerUri(FreshdeskStream.CONTACTS)).endsWith("cron=0+0/15+*+*+*+?");
        assertThat(settings.streams()).containsExactly(FreshdeskStream.TICKETS, FreshdeskStream.CONTACTS);
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
