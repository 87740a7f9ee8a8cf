package io.freshdeskbigquery.sync.wholelist;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.bigquery.BigQueryDestination;
import io.freshdeskbigquery.destination.bigquery.BigQuerySql;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.CustomField;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom-field view of a fields list: which fields get a column, and the warning that names each one that does
 * not, with why (the log line an operator reads when a column is missing from {@code tickets_with_custom_fields}).
 */
class MakeCustomFieldsViewTest {

    static final StreamTable TICKETS = new StreamTable("tickets", List.of(
            new Column("status", Column.ColumnType.INTEGER), new Column("subject", Column.ColumnType.VARCHAR)));

    final List<String> warnings = new ArrayList<>();
    final Logger logger = Logger.getLogger(MakeCustomFieldsView.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void aNameThatCannotBeAColumnIsNamedInAWarning() throws Exception {
        CustomFieldsView view = MakeCustomFieldsView.view("ticket_fields", TICKETS,
                fields("cf_region", "cf contract seats", "cf-tier", "2nd_level"), List.of());

        assertThat(view.columns()).extracting(CustomField::name).containsExactly("cf_region");
        assertThat(warnings).singleElement()
                .asString()
                .startsWith("ticket_fields: custom fields whose names cannot be column names")
                .contains("tickets_with_custom_fields", "['cf contract seats', 'cf-tier', '2nd_level']");
    }

    @Test
    void twoNamesDifferingOnlyInCaseAreSaidToClashWithEachOther() throws Exception {
        CustomFieldsView view = MakeCustomFieldsView.view("ticket_fields", TICKETS,
                fields("cf_region", "CF_Region", "cf_seats"), List.of());

        assertThat(view.columns()).extracting(CustomField::name).containsExactly("cf_region", "cf_seats");
        assertThat(warnings).singleElement()
                .asString()
                .contains("differ only in case", "'CF_Region' (clashes with 'cf_region')")
                .doesNotContain("named like a column");
    }

    @Test
    void aNameLikeAColumnOfTheTableStaysInTheRecordWithItsOwnWarning() throws Exception {
        CustomFieldsView view = MakeCustomFieldsView.view("ticket_fields", TICKETS,
                fields("Status", "cf_region"), List.of());

        assertThat(view.columns()).extracting(CustomField::name).containsExactly("cf_region");
        assertThat(warnings).containsExactly(
                "ticket_fields: custom fields named like a column of tickets stay in its record only: ['Status']");
    }

    @Test
    void onBigQueryANameWithAReservedPrefixGetsNoColumnAndAWarning() throws Exception {
        List<CustomField> fields = fields("_partition_day", "_TABLE_SUFFIX_x", "_file_name", "_Row_Timestamp",
                "__root__x", "_colidentifier_1", "_region");

        CustomFieldsView view = MakeCustomFieldsView.view("ticket_fields", TICKETS, fields,
                BigQueryDestination.RESERVED_COLUMN_PREFIXES);

        assertThat(view.columns()).extracting(CustomField::name).containsExactly("_region");
        String ddl = new BigQuerySql("project", "dataset").customFieldsView(view);
        assertThat(ddl).contains("AS `_region`")
                .doesNotContain("AS `_partition_day`", "_TABLE_SUFFIX_x", "_file_name",
                        "_Row_Timestamp", "__root__x", "_colidentifier_1");
        assertThat(warnings).singleElement()
                .asString()
                .contains("a prefix the destination reserves", "_PARTITION, _TABLE_, _FILE_, _ROW_TIMESTAMP, __ROOT__, "
                        + "_COLIDENTIFIER", "'_partition_day' (_PARTITION)", "'_TABLE_SUFFIX_x' (_TABLE_)",
                        "'_file_name' (_FILE_)", "'_Row_Timestamp' (_ROW_TIMESTAMP)", "'__root__x' (__ROOT__)",
                        "'_colidentifier_1' (_COLIDENTIFIER)");

        // DuckDB reserves none of them
        warnings.clear();
        assertThat(MakeCustomFieldsView.view("ticket_fields", TICKETS, fields, List.of()).columns()).hasSize(7);
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyFieldGetsItsColumnWithNoWarningWhenNothingStandsInItsWay() throws Exception {
        CustomFieldsView view = MakeCustomFieldsView.view("ticket_fields", TICKETS,
                fields("cf_region", "cf_seats", "cf_region"), List.of());

        assertThat(view.columns()).extracting(CustomField::name).containsExactly("cf_region", "cf_seats");
        assertThat(warnings).isEmpty();
    }

    /** Custom fields as the fields list defines them (Freshdesk's own fields are left out before the view). */
    static List<CustomField> fields(String... names) throws Exception {
        List<CustomField> fields = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        fields.addAll(CustomField
                .of(json.readTree("{\"name\":\"requester\",\"type\":\"default_requester\",\"default\":true}"))
                .stream()
                .toList());
        for (String name : names) {
            fields.addAll(CustomField.of(json.createObjectNode()
                    .put("name", name)
                    .put("type", "custom_text")
                    .put("default", false)).stream().toList());
        }
        return fields;
    }
}
