package io.freshdeskbigquery.destination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One Freshdesk record ready for the destination: its key ({@code id}, {@code updated_at}), the typed core
 * values by column name (a value may be null) and the whole original record as JSON, so no field is lost. The JSON is
 * kept as the UTF-8 bytes it came in: DuckDB's appender takes them as they are (and checks them), and a record held as
 * bytes takes half the heap of a Java string of it (Freshdesk's texts are seldom Latin-1 throughout).
 */
public record Row(long id, Instant updatedAt, Map<String, Object> values, byte[] recordUtf8) {

    public Row(long id, Instant updatedAt, Map<String, Object> values, String recordJson) {
        this(id, updatedAt, values, recordJson.getBytes(StandardCharsets.UTF_8));
    }

    /** This row with its record's bytes made valid UTF-8 (U+FFFD where they were not). */
    public Row withValidUtf8() {
        return new Row(id, updatedAt, values, recordJson());
    }

    /** The record's JSON text. */
    public String recordJson() {
        return new String(recordUtf8, StandardCharsets.UTF_8);
    }
}
