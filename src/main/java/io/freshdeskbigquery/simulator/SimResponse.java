package io.freshdeskbigquery.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the simulator, ready for an HTTP adapter to send.
 *
 * <p>Two things the adapter must act on itself, because {@code handle} never sleeps and never owns a
 * socket: wait {@code delay} before answering (also in header {@value #DELAY_HEADER}), and when
 * {@code connectionReset} is true drop the connection instead of answering (status is then 0).
 *
 * <p>The body is kept as the UTF-8 bytes sent ({@link #bodyBytes()}, not to be changed), so that a list page made of
 * records rendered ahead is sent without being decoded and encoded again.
 */
public record SimResponse(int status, Map<String, String> headers, byte[] bodyBytes, Duration delay,
        boolean connectionReset) {

    public static final String DELAY_HEADER = "X-Simulator-Delay-Ms";

    public SimResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(bodyBytes, "body");
        delay = delay == null ? Duration.ZERO : delay;
    }

    public SimResponse(int status, Map<String, String> headers, String body, Duration delay, boolean connectionReset) {
        this(status, headers, Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), delay,
                connectionReset);
    }

    public SimResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, Duration.ZERO, false);
    }

    /** The body as text. */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    /** A header by name, ignoring case as HTTP does; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
