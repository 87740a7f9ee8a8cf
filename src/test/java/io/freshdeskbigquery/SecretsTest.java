package io.freshdeskbigquery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    private static final String KEY = "unit-secret-key-7c41e2a9";
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((KEY + ":X").getBytes(StandardCharsets.UTF_8));

    @Test
    void theKeyItsBase64FormsAndAnyBasicOrBearerTokenAreMasked() {
        Secrets.register(KEY);
        String text = "key=" + KEY + " auth=" + BASIC + " Authorization: Basic " + BASIC
                + " other: bearer abc.def-ghi_jkl"
                + " alone=" + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));

        String masked = Secrets.mask(text);

        assertThat(masked.contains(KEY) || masked.contains(BASIC.replace("=", ""))).as("a secret is left").isFalse();
        assertThat(masked).contains("key=****", "Authorization: Basic ****", "other: bearer ****")
                .doesNotContain("abc.def-ghi_jkl");
        // somebody else's Basic credential, not the loader's key
        assertThat(Secrets.mask("Authorization: Basic dXNlcjpwYXNzd29yZA==")).isEqualTo("Authorization: Basic ****");
        assertThat(Secrets.mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void theFilterMasksTheFormattedMessageAndTheExceptionChain() {
        new MaskSecretsFilter(Optional.of(KEY), Optional.empty());
        ExtLogRecord record = new ExtLogRecord(Level.FINE, "%s >> %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[]{"http-outgoing-0", "Authorization: Basic " + BASIC});
        record.setThrown(new IllegalStateException("outer", new RuntimeException("the key is " + KEY)));

        assertThat(new MaskSecretsFilter(Optional.empty(), Optional.empty()).isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("http-outgoing-0 >> Authorization: Basic ****");
        assertThat(record.getThrown().toString()).isEqualTo("java.lang.IllegalStateException: outer");
        assertThat(record.getThrown().getCause().toString()).isEqualTo("java.lang.RuntimeException: the key is ****");
    }
}
