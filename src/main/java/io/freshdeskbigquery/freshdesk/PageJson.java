package io.freshdeskbigquery.freshdesk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Freshdesk answer as the page route's JSON data format reads it: the JSON, and, when it is an array, where each of
 * its elements began and ended in the bytes it was read from. The parse that builds the elements finds those places
 * too, so a record can be kept as the text it came in without a second pass over the page (which cost a seventh of
 * the paging loop's time, BENCHMARKS.md#decision-one-parse-a-page).
 *
 * @param root   the answer's JSON
 * @param starts the byte offset of each element of an array, in order; null when the root is not an array
 * @param ends   the byte offset just past each element
 */
@JsonDeserialize(using = PageJson.Reader.class)
@RegisterForReflection(targets = PageJson.Reader.class)
public record PageJson(JsonNode root, int[] starts, int[] ends) {

    /**
     * The text of each element of the array, UTF-8 as it came, taken from the bytes the page was read from; null when
     * the root is not an array or the places do not fit those bytes (the records are then written out from their JSON).
     */
    public List<byte[]> elementTexts(byte[] bytes) {
        if (starts == null || bytes == null) {
            return null;
        }
        List<byte[]> texts = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            int start = starts[i];
            int end = ends[i];
            if (start < 0 || end > bytes.length || end <= start
                    || root.get(i).isObject() && (bytes[start] != '{' || bytes[end - 1] != '}')) {
                return null;
            }
            texts.add(Arrays.copyOfRange(bytes, start, end));
        }
        return texts;
    }

    /** Reads the answer as JSON, noting where each element of an array lies in the bytes. */
    static final class Reader extends StdDeserializer<PageJson> {

        Reader() {
            super(PageJson.class);
        }

        @Override
        public PageJson deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                return new PageJson(context.readTree(parser), null, null);
            }
            ArrayNode array = context.getNodeFactory().arrayNode();
            int[] starts = new int[128];
            int[] ends = new int[128];
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    return context.reportInputMismatch(PageJson.class, "the array of records is cut off");
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                // byte offsets when read from bytes (the route reads the body's bytes); -1 otherwise
                starts[count] = (int) parser.currentTokenLocation().getByteOffset();
                array.add(context.readTree(parser));
                ends[count] = (int) parser.currentLocation().getByteOffset();
                count++;
            }
            return new PageJson(array, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
        }
    }
}
