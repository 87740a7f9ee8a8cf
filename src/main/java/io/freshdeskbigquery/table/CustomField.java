package io.freshdeskbigquery.table;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the account's own fields of tickets, contacts or companies, as {@code ticket_fields} (and the like) define
 * it: its name in the record's {@code custom_fields} and the kind of value it holds, which the custom-field view
 * types its column by.
 */
public record CustomField(String name, Kind kind) {

    /** A name that can be a column's in every destination: a letter or _, then letters, digits or _, 128 at most. */
    public static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public enum Kind {
        TEXT, NUMBER, DECIMAL, BOOLEAN, DATE
    }

    /**
     * The custom field a field definition describes; empty for Freshdesk's own fields ({@code default: true}). Its
     * name may not fit a column ({@link #columnName()}): the view then leaves it out, saying so.
     */
    public static Optional<CustomField> of(JsonNode definition) {
        if (definition.path("default").asBoolean(false)) {
            return Optional.empty();
        }
        String name = definition.path("name").asText("");
        String type = definition.path("type").asText("");
        Kind kind = switch (type) {
            case "custom_number" -> Kind.NUMBER;
            case "custom_decimal" -> Kind.DECIMAL;
            case "custom_checkbox" -> Kind.BOOLEAN;
            case "custom_date" -> Kind.DATE;
            default -> Kind.TEXT;
        };
        return Optional.of(new CustomField(name, kind));
    }

    /** Whether the name can be a column's ({@link #COLUMN_NAME}). */
    public boolean columnName() {
        return COLUMN_NAME.matcher(name).matches();
    }
}
