package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the two fields every Freshdesk record must have: {@code id} and {@code updated_at}. */
public final class FreshdeskRecords {

    private FreshdeskRecords() {
    }

    /** The record's id, or null when it is missing or not an integer. */
    public static Long id(JsonNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            return null;
        }
        return id.longValue();
    }

    /** The record's {@code updated_at}, or null when it is missing or not a timestamp. */
    public static Instant updatedAt(JsonNode record) {
        return timestamp(record.get("updated_at"));
    }

    /** Freshdesk timestamps are ISO-8601, normally UTC with a {@code Z}; an offset is accepted too. */
    public static Instant timestamp(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
