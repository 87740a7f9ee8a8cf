package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bigquery.* keys: defaults, and errors that name the key. */
class BigQuerySettingsTest {

    static BigQuerySettings settings(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(BigQueryConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
        return BigQuerySettings.from(config.getConfigMapping(BigQueryConfig.class));
    }

    @Test
    void defaults() {
        BigQuerySettings settings = settings("bigquery.project-id", "p");

        assertThat(settings.dataset()).isEqualTo("freshdesk");
        assertThat(settings.location()).isEqualTo("US");
        assertThat(settings.insertMaxRows()).isEqualTo(500);
        assertThat(settings.mergeEveryBatches()).isEqualTo(500);
        assertThat(settings.retryMaxAttempts()).isEqualTo(6);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCommitIntervalOfZeroCommitsEveryPageAndANegativeOneIsRefused() {
        assertThat(settings("bigquery.project-id", "p", "bigquery.commit.interval", "0s").commitInterval()).isZero();
        assertThatThrownBy(() -> settings("bigquery.project-id", "p", "bigquery.commit.interval", "-5s"))
                .hasMessageContaining("bigquery.commit.interval");
    }

    @Test
    void mergeEveryBatchesZeroMeansOnlyAtTheEndOfARunAndANegativeValueIsRefused() {
        assertThat(settings("bigquery.project-id", "p", "bigquery.merge.every-batches", "0").mergeEveryBatches())
                .isZero();
        assertThatThrownBy(() -> settings("bigquery.project-id", "p", "bigquery.merge.every-batches", "-1"))
                .hasMessageContaining("bigquery.merge.every-batches");
    }

    @Test
    void theProjectIsRequiredAndTheErrorNamesTheKey() {
        assertThatThrownBy(() -> settings())
                .hasMessage("bigquery.project-id is required when destination.type=bigquery");
        assertThatThrownBy(() -> settings("bigquery.project-id", "p", "bigquery.dataset", "my-data"))
                .hasMessageContaining("bigquery.dataset");
    }
}
