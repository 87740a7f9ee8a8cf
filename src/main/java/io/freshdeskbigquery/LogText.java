package io.freshdeskbigquery;

/** Text for log lines and error messages. */
public final class LogText {

    private LogText() {
    }

    /** The text cut to at most {@code max} characters, ending in "..." when cut; "" for null. */
    public static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() > max ? text.substring(0, max - 3) + "..." : text;
    }
}
