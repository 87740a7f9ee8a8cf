package io.freshdeskbigquery.freshdesk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The elements of a JSON array as the text they came in, found by one pass over the bytes (strings and nesting
 * followed, nothing parsed): a record is then kept exactly as Freshdesk sent it, without writing its parsed tree back
 * out as JSON, which cost as much as parsing it. Only for an answer already read as valid JSON.
 */
public final class RawJsonArray {

    private RawJsonArray() {
    }

    /** The elements' texts (UTF-8, as they came), in order; null when the bytes are not one JSON array. */
    public static List<byte[]> elements(byte[] json) {
        int i = skipSpace(json, 0);
        if (i >= json.length || json[i] != '[') {
            return null;
        }
        List<byte[]> elements = new ArrayList<>();
        i = skipSpace(json, i + 1);
        if (i < json.length && json[i] == ']') {
            return elements;
        }
        while (i < json.length) {
            int start = i;
            int depth = 0;
            for (; i < json.length; i++) {
                byte b = json[i];
                if (b == '"') {
                    // a string, to its closing quote in a loop of its own (most of a record's bytes are text)
                    for (i++; i < json.length; i++) {
                        byte c = json[i];
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\') {
                            i++;
                        }
                    }
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (depth == 0) {
                        break; // the array's own end, after a scalar element
                    }
                    if (--depth == 0) {
                        i++;
                        break;
                    }
                } else if (b == ',' && depth == 0) {
                    break;
                }
            }
            int end = i;
            while (end > start && isSpace(json[end - 1])) {
                end--;
            }
            elements.add(Arrays.copyOfRange(json, start, end));
            i = skipSpace(json, i);
            if (i >= json.length) {
                return null;
            }
            if (json[i] == ']') {
                return elements;
            }
            if (json[i] != ',') {
                return null;
            }
            i = skipSpace(json, i + 1);
        }
        return null;
    }

    private static int skipSpace(byte[] json, int i) {
        while (i < json.length && isSpace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
