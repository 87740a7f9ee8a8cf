package io.freshdeskbigquery.destination;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A row's values read back as a map of the values put, whichever layout the stream's columns have. */
class ColumnValuesTest {

    private static final ColumnValues.Layout LAYOUT = new ColumnValues.Layout(
            List.of("subject", "status", "tags", "due_by", "spam", "_deleted_at"));

    @Test
    void holdsTheValuesPutByNameAndNothingForTheRest() {
        Map<String, Object> values = new ColumnValues(LAYOUT);
        values.put("status", 2);
        values.put("subject", "Refund");
        values.put("spam", Boolean.FALSE);
        Map<String, Object> expected = new HashMap<>(Map.of("status", 2, "subject", "Refund", "spam", false));

        assertThat(values).isEqualTo(expected).hasSize(3);
        assertThat(values.get("status")).isEqualTo(2);
        assertThat(values.get("tags")).isNull();
        assertThat(values.containsKey("tags")).isFalse();
        assertThat(values.get("not a column")).isNull();
        assertThat(values.keySet()).containsExactly("subject", "status", "spam");

        // a value set again replaces the first; null takes it out
        assertThat(values.put("status", 5)).isEqualTo(2);
        values.put("subject", null);
        assertThat(values).isEqualTo(Map.of("status", 5, "spam", false));
    }

    @Test
    void refusesAColumnTheLayoutDoesNotHave() {
        Map<String, Object> values = new ColumnValues(LAYOUT);
        assertThatThrownBy(() -> values.put("priority", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority");
    }
}
