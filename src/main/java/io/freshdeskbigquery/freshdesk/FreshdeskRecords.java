package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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

    /** The earliest and latest timestamps both destinations hold (BigQuery's TIMESTAMP: years 1 to 9999). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Freshdesk timestamps are ISO-8601, normally UTC with a {@code Z}; an offset is accepted too. Null when the value
     * is not one, or lies outside years 1 to 9999, which no destination column could hold (the record keeps it).
     */
    public static Instant timestamp(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        Instant parsed = parseUtc(text);
        if (parsed == null) {
            try {
                parsed = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST) ? null : parsed;
    }

    /**
     * The form Freshdesk writes, {@code 2024-03-01T12:34:56Z}, read without a formatter (it is parsed for every record
     * and timestamp column); anything else (fractions, offsets, a malformed value) answers null, for the full parser.
     */
    static Instant parseUtc(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1
                || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
