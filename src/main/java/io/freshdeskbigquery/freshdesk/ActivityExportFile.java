package io.freshdeskbigquery.freshdesk;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.LogText;

/**
 * One file of a day's ticket activity export, as its link served it:
 * {@code {"metadata": {"start_at", "end_at", "activities_count"}, "activities_data": [{"performer_type",
 * "performer_id", "ticket_id", "performed_at", "activity": {...}}, ...]}}. The file is checked whole when it is read (a
 * file cut off or not JSON fails here, where its download is retried), and where each activity lies in its bytes is
 * noted; each activity is parsed only when its rows are made ({@link #activity}), so a large day is never held as one
 * tree. Activities carry no id of their own.
 */
public final class ActivityExportFile {

    /** How the export writes {@code performed_at}: {@code 01-12-2026 09:33:38 +0000} (day first, the account's offset). */
    static final DateTimeFormatter PERFORMED_AT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss Z");

    private final byte[] bytes;
    private final int[] starts;
    private final int[] ends;
    private final int count;
    private final Long declaredCount;

    private ActivityExportFile(byte[] bytes, int[] starts, int[] ends, int count, Long declaredCount) {
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
        this.count = count;
        this.declaredCount = declaredCount;
    }

    /**
     * Reads a file's bytes: a JSON object whose {@code activities_data} is an array of objects (missing or null: no
     * activity). Within the given limits of a document's length and nesting.
     *
     * @throws FreshdeskPageException naming {@code where} when the file is not such an object (cut off, not JSON)
     */
    public static ActivityExportFile read(byte[] bytes, long maxBytes, String where) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxBytes)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
                        .maxNestingDepth(PageParserLimits.MAX_NESTING_DEPTH)
                        .maxNumberLength(PageParserLimits.MAX_NUMBER_LENGTH)
                        .build())
                .build();
        int[] starts = new int[64];
        int[] ends = new int[64];
        int count = 0;
        Long declared = null;
        try (JsonParser parser = factory.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FreshdeskPageException(where + ": the export's file is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("activities_data") && value == JsonToken.START_ARRAY) {
                    JsonToken element;
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (element != JsonToken.START_OBJECT) {
                            throw new FreshdeskPageException(where + ": activity " + (count + 1)
                                    + " of the export's file is not a JSON object");
                        }
                        if (count == starts.length) {
                            starts = Arrays.copyOf(starts, count * 2);
                            ends = Arrays.copyOf(ends, count * 2);
                        }
                        starts[count] = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        ends[count] = (int) parser.currentLocation().getByteOffset();
                        count++;
                    }
                } else if (field.equals("activities_data") && value != JsonToken.VALUE_NULL) {
                    throw new FreshdeskPageException(where + ": the export's activities_data is not a list");
                } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if (name.equals("activities_count") && token == JsonToken.VALUE_NUMBER_INT) {
                            declared = parser.getLongValue();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new FreshdeskPageException(where + ": the export's file does not end where its JSON does");
            }
        } catch (IOException e) {
            // a file cut off, or not JSON: the whole day is asked for again (a fresh link)
            throw new FreshdeskPageException(where + ": the export's file is not valid JSON: "
                    + LogText.abbreviate(String.valueOf(e.getMessage()), 200), e);
        }
        return new ActivityExportFile(bytes, starts, ends, count, declared);
    }

    /** How many activities the file holds. */
    public int size() {
        return count;
    }

    /** {@code metadata.activities_count}, when the file says it. */
    public Long declaredCount() {
        return declaredCount;
    }

    /** Activity {@code index} (from 0) as a tree, parsed now. */
    public JsonNode activity(int index, ObjectMapper json) {
        try {
            return json.readTree(bytes, starts[index], ends[index] - starts[index]);
        } catch (IOException e) {
            // read whole once already: cannot happen
            throw new IllegalStateException("activity " + index + " of an export file read before", e);
        }
    }

    /** Activity {@code index}'s bytes as the file has them (UTF-8). */
    public byte[] text(int index) {
        return Arrays.copyOfRange(bytes, starts[index], ends[index]);
    }

    /**
     * An activity's {@code performed_at}: the export's {@code 01-12-2026 09:33:38 +0000}, or an ISO-8601 timestamp;
     * null when it is neither.
     */
    public static Instant performedAt(JsonNode activity) {
        JsonNode value = activity.get("performed_at");
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.textValue().trim(), PERFORMED_AT).toInstant();
        } catch (DateTimeParseException e) {
            return FreshdeskRecords.timestamp(value);
        }
    }
}
