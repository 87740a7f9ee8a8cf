package io.freshdeskbigquery.sync.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.table.Column.ColumnType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A core field whose value does not convert leaves its typed column NULL; it must not fail the run. */
class RowMapperTypedTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void valuesThatDoNotConvertAreNull() throws Exception {
        assertThat(RowMapper.typed(ColumnType.INTEGER, json("\"open\""))).isNull();
        assertThat(RowMapper.typed(ColumnType.INTEGER, json("3.5"))).isNull();
        assertThat(RowMapper.typed(ColumnType.INTEGER, json("99999999999"))).isNull();
        assertThat(RowMapper.typed(ColumnType.BIGINT, json("\"x\""))).isNull();
        assertThat(RowMapper.typed(ColumnType.BIGINT, json("{}"))).isNull();
        assertThat(RowMapper.typed(ColumnType.BOOLEAN, json("\"maybe\""))).isNull();
        assertThat(RowMapper.typed(ColumnType.BOOLEAN, json("1"))).isNull();
    }

    @Test
    void valuesThatConvertAreTyped() throws Exception {
        assertThat(RowMapper.typed(ColumnType.INTEGER, json("4"))).isEqualTo(4);
        assertThat(RowMapper.typed(ColumnType.INTEGER, json("\"4\""))).isEqualTo(4);
        assertThat(RowMapper.typed(ColumnType.BIGINT, json("67042965499"))).isEqualTo(67042965499L);
        assertThat(RowMapper.typed(ColumnType.BIGINT, json("\"1077\""))).isEqualTo(1077L);
        assertThat(RowMapper.typed(ColumnType.BOOLEAN, json("true"))).isEqualTo(true);
        assertThat(RowMapper.typed(ColumnType.BOOLEAN, json("\"False\""))).isEqualTo(false);
    }
}
