package io.freshdeskbigquery.table;

import java.util.List;

/**
 * The view {@code <table>_with_custom_fields}: every column of a stream's current table, and one typed column per
 * custom field the account defines, read from the record's {@code custom_fields}. A field deleted in Freshdesk
 * leaves the view; its values stay in {@code record}.
 */
public record CustomFieldsView(StreamTable table, List<CustomField> fields) {

    public String viewName() {
        return table.currentTable() + "_with_custom_fields";
    }

    /** The fields whose names are not columns of the table already (those stay in {@code record} only). */
    public List<CustomField> columns() {
        List<String> taken = new java.util.ArrayList<>(List.of("id", "updated_at", "record", "_loaded_at", "_sync_run_id"));
        table.columns().forEach(column -> taken.add(column.name().toLowerCase()));
        return fields.stream().filter(field -> !taken.contains(field.name().toLowerCase()))
                .collect(java.util.stream.Collectors.toMap(f -> f.name().toLowerCase(), f -> f, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values().stream().toList();
    }
}
