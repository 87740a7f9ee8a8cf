package io.freshdeskbigquery.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The view {@code <table>_with_custom_fields}: every column of a stream's current table, and one typed column per
 * custom field the account defines, read from the record's {@code custom_fields}. A field deleted in Freshdesk
 * leaves the view; its values stay in {@code record}. A field that cannot have a column ({@link #leftOut()}) stays
 * in {@code record} only.
 *
 * @param reservedPrefixes the starts of a column name the destination refuses, upper case (BigQuery's
 *        {@code _PARTITION}, ...), compared ignoring case; none for DuckDB
 */
public record CustomFieldsView(StreamTable table, List<CustomField> fields, List<String> reservedPrefixes) {

    /** The columns the table itself has: a custom field named like one of them gets no column of its own. */
    private static final List<String> BOOKKEEPING = List.of("id", "updated_at", "record", "_loaded_at", "_sync_run_id");

    public CustomFieldsView(StreamTable table, List<CustomField> fields) {
        this(table, fields, List.of());
    }

    /** Why a custom field gets no column in the view. */
    public enum Why {
        /** Its name is not a column name ({@link CustomField#COLUMN_NAME}). */
        NOT_A_COLUMN_NAME,
        /** Its name starts with a prefix the destination reserves ({@code other}: the prefix). */
        RESERVED_PREFIX,
        /** Its name is a column of the table already, ignoring case ({@code other}: that column). */
        NAMED_LIKE_A_COLUMN,
        /** Its name is an earlier field's, but for case: column names ignore case ({@code other}: that field's). */
        CLASHES_WITH_A_FIELD
    }

    /** A custom field the view has no column for, why, and the prefix, column or field it ran into. */
    public record LeftOut(CustomField field, Why why, String other) {
    }

    public String viewName() {
        return table.currentTable() + "_with_custom_fields";
    }

    /** The fields that get a column, in their order. */
    public List<CustomField> columns() {
        List<CustomField> columns = new ArrayList<>();
        sort(columns, new ArrayList<>());
        return columns;
    }

    /** The fields that get no column (their values stay in {@code record}), in their order, each with why. */
    public List<LeftOut> leftOut() {
        List<LeftOut> leftOut = new ArrayList<>();
        sort(new ArrayList<>(), leftOut);
        return leftOut;
    }

    private void sort(List<CustomField> columns, List<LeftOut> leftOut) {
        Map<String, String> taken = new HashMap<>();
        BOOKKEEPING.forEach(name -> taken.put(name, name));
        table.columns().forEach(column -> taken.put(column.name().toLowerCase(Locale.ROOT), column.name()));
        Map<String, String> fieldsSoFar = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (CustomField field : fields) {
            if (!seen.add(field.name())) {
                continue; // a definition read twice
            }
            String lower = field.name().toLowerCase(Locale.ROOT);
            String prefix = reservedPrefixes.stream()
                    .filter(p -> field.name().toUpperCase(Locale.ROOT).startsWith(p))
                    .findFirst()
                    .orElse(null);
            if (!field.columnName()) {
                leftOut.add(new LeftOut(field, Why.NOT_A_COLUMN_NAME, null));
            } else if (prefix != null) {
                leftOut.add(new LeftOut(field, Why.RESERVED_PREFIX, prefix));
            } else if (taken.containsKey(lower)) {
                leftOut.add(new LeftOut(field, Why.NAMED_LIKE_A_COLUMN, taken.get(lower)));
            } else if (fieldsSoFar.containsKey(lower)) {
                leftOut.add(new LeftOut(field, Why.CLASHES_WITH_A_FIELD, fieldsSoFar.get(lower)));
            } else {
                fieldsSoFar.put(lower, field.name());
                columns.add(field);
            }
        }
    }
}
