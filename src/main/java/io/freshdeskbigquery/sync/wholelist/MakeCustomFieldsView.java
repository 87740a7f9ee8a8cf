package io.freshdeskbigquery.sync.wholelist;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.freshdeskbigquery.destination.Destination;
import io.freshdeskbigquery.sync.run.RunExchange;
import io.freshdeskbigquery.sync.run.StreamRun;
import io.freshdeskbigquery.table.CustomField;
import io.freshdeskbigquery.table.CustomFieldsView;
import io.freshdeskbigquery.table.StreamTable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * The whole list of field definitions is read: the view its custom fields make, for the sink to (re)make. Each field
 * that gets no column is named in a warning, with why.
 */
@ApplicationScoped
public class MakeCustomFieldsView implements Processor {

    private static final Logger LOG = Logger.getLogger(MakeCustomFieldsView.class);

    @Inject
    Destination destination;

    @Override
    public void process(Exchange exchange) {
        StreamRun run = RunExchange.run(exchange);
        exchange.getMessage()
                .setBody(view(run.streamName(), run.stream().fieldsOf().orElseThrow().table(),
                        run.customFields(), destination.reservedColumnPrefixes()));
    }

    /** The view of these fields over the table, with a warning for each reason a field gets no column. */
    static CustomFieldsView view(String stream, StreamTable table, List<CustomField> fields,
            List<String> reservedPrefixes) {
        CustomFieldsView view = new CustomFieldsView(table, fields, reservedPrefixes);
        List<CustomFieldsView.LeftOut> leftOut = view.leftOut();
        for (CustomFieldsView.Why why : CustomFieldsView.Why.values()) {
            List<String> named = leftOut.stream().filter(field -> field.why() == why).map(field -> switch (why) {
                case NOT_A_COLUMN_NAME, NAMED_LIKE_A_COLUMN -> shown(field.field().name());
                case RESERVED_PREFIX -> shown(field.field().name()) + " (" + field.other() + ")";
                case CLASHES_WITH_A_FIELD ->
                    shown(field.field().name()) + " (clashes with " + shown(field.other()) + ")";
            }).toList();
            if (named.isEmpty()) {
                continue;
            }
            switch (why) {
                case NOT_A_COLUMN_NAME ->
                    LOG.warnf("%s: custom fields whose names cannot be column names (a letter or _, "
                            + "then letters, digits or _, 128 at most) get no column in %s and stay in its record only: %s",
                            stream, view.viewName(), named);
                case RESERVED_PREFIX -> LOG.warnf("%s: custom fields whose names start with a prefix the destination "
                        + "reserves (%s, in any case) get no column in %s and stay in its record only: %s", stream,
                        String.join(", ", reservedPrefixes), view.viewName(), named);
                case NAMED_LIKE_A_COLUMN ->
                    LOG.warnf("%s: custom fields named like a column of %s stay in its record only: %s",
                            stream, table.currentTable(), named);
                case CLASHES_WITH_A_FIELD ->
                    LOG.warnf("%s: custom fields whose names differ only in case from an earlier "
                            + "custom field's get no column in %s (column names ignore case; the earlier one keeps it) and "
                            + "stay in its record only: %s", stream, view.viewName(), named);
            }
        }
        LOG.infof("%s: %s has a column for each of the %d custom fields: %s", stream, view.viewName(),
                view.columns().size(), view.columns().stream().map(CustomField::name).toList());
        return view;
    }

    /** A field's name as a log line can show it: quoted, control characters as ?, at most 100 characters. */
    static String shown(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > 100 ? clean.substring(0, 100) + "..." : clean) + "'";
    }
}
