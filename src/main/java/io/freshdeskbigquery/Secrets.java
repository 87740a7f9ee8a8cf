package io.freshdeskbigquery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secrets no log line, exception message or health datum may show: the API key in use, the forms it travels in
 * (the Base64 of {@code <key>:X} that Basic auth sends, the Base64 of the key alone), and any {@code Basic <token>} or
 * {@code Bearer <token>} whatever its key. {@link #mask(String)} puts {@value #MASK} in their place. The key is
 * registered where it is read (the log filter {@link MaskSecretsFilter} at the start, the page request), before
 * anything can print it.
 */
public final class Secrets {

    public static final String MASK = "****";

    /** Shorter "keys" are not masked as text: they would blank out ordinary words. */
    private static final int SHORTEST = 6;
    private static final int DEEPEST_CAUSE = 20;

    /** An HTTP credential: the scheme stays, the token goes; tokens of Base64, base64url and JWT characters. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(basic|bearer)(\\s+|%20)[A-Za-z0-9+/_.~-]{6,}=*");

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    /** The known forms, longest first (a form inside another is masked after it). */
    private static volatile List<String> forms = List.of();

    private Secrets() {
    }

    /** Masks the key, and the forms it travels in, from now on. */
    public static synchronized void register(String key) {
        if (key == null || key.strip().length() < SHORTEST) {
            return;
        }
        String trimmed = key.strip();
        Base64.Encoder base64 = Base64.getEncoder();
        String basic = base64.encodeToString((trimmed + ":X").getBytes(StandardCharsets.UTF_8));
        String alone = base64.encodeToString(trimmed.getBytes(StandardCharsets.UTF_8));
        // with and without the padding (it may be left off or URL-encoded as %3D)
        boolean added = KNOWN.add(trimmed) | KNOWN.add(basic) | KNOWN.add(unpadded(basic)) | KNOWN.add(alone)
                | KNOWN.add(unpadded(alone));
        if (added) {
            forms = KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    private static String unpadded(String base64) {
        return base64.replaceAll("=+$", "");
    }

    /** The text with every secret in it replaced by {@value #MASK}; null for null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            if (masked.contains(form)) {
                masked = masked.replace(form, MASK);
            }
        }
        return CREDENTIAL.matcher(masked).replaceAll("$1$2" + MASK);
    }

    /**
     * The exception as it is when no message of it or its causes holds a secret; otherwise a copy, type names, messages
     * masked and stack traces kept, for a log record to print.
     */
    public static Throwable mask(Throwable thrown) {
        return holdsSecret(thrown) ? masked(thrown, 0) : thrown;
    }

    private static boolean holdsSecret(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < DEEPEST_CAUSE; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && !message.equals(mask(message))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable masked(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown || depth >= DEEPEST_CAUSE
                ? null
                : masked(thrown.getCause(), depth + 1);
        Throwable copy = new Masked(thrown.getClass().getName(), mask(thrown.getMessage()), cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** An exception as it printed, its message masked: {@code <original type>: <masked message>}. */
    static final class Masked extends Throwable {
        private final String type;

        Masked(String type, String message, Throwable cause) {
            super(message, cause, false, true);
            this.type = type;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? type : type + ": " + message;
        }
    }
}
