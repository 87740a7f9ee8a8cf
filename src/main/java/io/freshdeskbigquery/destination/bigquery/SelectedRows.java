package io.freshdeskbigquery.destination.bigquery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a SELECT answered, as the SQL component gives it: a list of rows, each column name to value. */
final class SelectedRows {

    private SelectedRows() {
    }

    /** The first row a SELECT returned (column name to value); null for none. */
    static Map<?, ?> firstRow(Object body) {
        return body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> row ? row : null;
    }

    /** The named column of the first row a SELECT returned; null for no row or a NULL value. */
    static Object single(Object body, String column) {
        Map<?, ?> row = firstRow(body);
        return row == null ? null : row.get(column);
    }

    static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
