package io.freshdeskbigquery.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds Freshdesk's paging header: {@code <BASE/STREAM?PARAMS&page=N>; rel="next"}.
 *
 * <p>PARAMS are the request's own query parameters, in the order the given map iterates them (pass
 * a {@link java.util.LinkedHashMap} to keep the request's order), without {@code page}, which always
 * comes last. Values are percent-encoded (UTF-8) except for the characters that are safe in a query
 * and common in these values: letters, digits, {@code - . _ ~ : ,}. A space becomes {@code %20},
 * a {@code +} becomes {@code %2B}.
 */
final class LinkHeader {

    private LinkHeader() {
    }

    static String next(String baseUrl, SimStream stream, Map<String, String> parameters, int page) {
        return next(baseUrl, stream.path(), parameters, page);
    }

    static String next(String baseUrl, String path, Map<String, String> parameters, int page) {
        return "<" + pageUrl(baseUrl, path, parameters, page) + ">; rel=\"next\"";
    }

    static String pageUrl(String baseUrl, SimStream stream, Map<String, String> parameters, int page) {
        return pageUrl(baseUrl, stream.path(), parameters, page);
    }

    static String pageUrl(String baseUrl, String path, Map<String, String> parameters, int page) {
        String base = baseUrl == null ? "" : baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder url = new StringBuilder(base).append('/').append(path).append('?');
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getKey().equals("page") && parameter.getValue() != null) {
                url.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue())).append('&');
            }
        }
        return url.append("page=").append(page).toString();
    }

    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~:,".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
