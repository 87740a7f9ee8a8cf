package io.freshdeskbigquery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.quarkus.logging.LoggingFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks the API key in every log record whatever its level and logger: its formatted message (Apache HttpClient's
 * headers and wire logs print {@code Authorization: Basic ...} at DEBUG) and the messages of its exception (a cause's
 * too). Set on every handler by {@code quarkus.log.<handler>.filter=mask-secrets} (application.properties), and on the
 * loggers that print the header; what it masks is {@link Secrets#mask(String)}.
 */
@LoggingFilter(name = "mask-secrets")
public final class MaskSecretsFilter implements Filter {

    /** Apache HttpClient 5's loggers of the headers (DEBUG) and of every byte (DEBUG) sent. */
    static final List<String> PRINT_THE_HEADER = List.of("org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire");

    /** Built when logging starts, before the first line: the keys are known from the configuration. */
    public MaskSecretsFilter(@ConfigProperty(name = "freshdesk.api-key") Optional<String> apiKey,
            @ConfigProperty(name = "simulator.api-key") Optional<String> simulatorApiKey) {
        apiKey.ifPresent(Secrets::register);
        simulatorApiKey.ifPresent(Secrets::register);
        // the loggers known to print the Authorization header mask it before any handler sees it: a handler added
        // without the filter (by a test harness, a library or an operator) gets it masked too
        for (String printsTheHeader : PRINT_THE_HEADER) {
            Logger.getLogger(printsTheHeader).setFilter(this);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String text = ext.getFormattedMessage();
            String masked = Secrets.mask(text);
            if (!Objects.equals(text, masked)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getParameters() == null || record.getParameters().length == 0) {
            record.setMessage(Secrets.mask(record.getMessage()));
        } else {
            String text = new SimpleFormatter().formatMessage(record);
            String masked = Secrets.mask(text);
            if (!Objects.equals(text, masked)) {
                record.setMessage(masked);
                record.setParameters(null);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            record.setThrown(Secrets.mask(thrown));
        }
        return true;
    }
}
