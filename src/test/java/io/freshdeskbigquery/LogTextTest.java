package io.freshdeskbigquery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void longTextIsCutToTheLimitWithAnEllipsisShortTextAndNullAreKept() {
        assertThat(LogText.abbreviate("x".repeat(200), 120)).hasSize(120).endsWith("...").startsWith("x".repeat(117));
        assertThat(LogText.abbreviate("x".repeat(120), 120)).isEqualTo("x".repeat(120));
        assertThat(LogText.abbreviate("short", 80)).isEqualTo("short");
        assertThat(LogText.abbreviate(null, 80)).isEmpty();
    }
}
