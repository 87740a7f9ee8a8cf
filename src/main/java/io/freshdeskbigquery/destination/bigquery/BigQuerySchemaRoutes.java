package io.freshdeskbigquery.destination.bigquery;

import java.util.ArrayList;
import java.util.List;

import io.freshdeskbigquery.table.CustomFieldsView;
import org.apache.camel.Exchange;

/**
 * The sink's DDL: the dataset's tables and the stream's, each made only when missing, and the custom-field view.
 *
 * <pre>
 * -prepare        the dataset's DDL (once per process: datasets.get, tables.list, tables.get find what exists)
 *                 and the stream's, only for what is missing                   → direct:bigquery-ddl-list
 * -custom-fields  the stream's tables' DDL (when missing), then the view with a column per custom field
 *                 (CREATE OR REPLACE VIEW over the current table)              → direct:bigquery-ddl-list
 * direct:bigquery-dataset   the dataset's DDL, once per process; every other entry point that reads or writes the
 *                           dataset's own tables calls it first (the body is left as it is) → direct:bigquery-ddl-list
 * direct:bigquery-ddl-list  the statements of the body, one job each, in order  → direct:bigquery-sql
 * </pre>
 * What the dataset has, and the DDL it lacks, is {@link DatasetTables}'s.
 */
final class BigQuerySchemaRoutes extends SinkRouteBuilder {

    BigQuerySchemaRoutes(BigQueryDestination destination, String prefix) {
        super(destination, prefix);
    }

    @Override
    public void configure() {
        // @formatter:off
        entry("prepare", "direct:bigquery-prepare-steps", "Cannot create the BigQuery tables of stream %s");
        from("direct:bigquery-prepare-steps").routeId("bigquery-prepare-steps")
                .errorHandler(noErrorHandler())
                // the dataset's own tables first (the message body is left as it is)
                .toV(DATASET, null, "datasetDdl")
                .process(this::tablesDdl)
                .to(DDL_LIST)
                .process(this::tablesReady);

        // the statements of the body (DDL), one job each, in order
        from(DDL_LIST).routeId("bigquery-ddl-list")
                .errorHandler(noErrorHandler())
                .split(body()).stopOnException()
                    .process(this::ddl)
                    .to(SQL)
                .end();

        from(DATASET).routeId("bigquery-dataset")
                .errorHandler(noErrorHandler())
                .process(this::datasetDdl)
                .to(DDL_LIST)
                .process(this::datasetReady);

        // the view with a column per custom field, over the current table (made first when missing)
        entry("custom-fields", "direct:bigquery-custom-fields-steps", "Cannot make the custom-field view of stream %s");
        from("direct:bigquery-custom-fields-steps").routeId("bigquery-custom-fields-steps")
                .errorHandler(noErrorHandler())
                .setVariable("customFieldsView", body())
                .process(this::customFieldsDdl)
                .to(DDL_LIST)
                .process(this::customFieldsReady);
        // @formatter:on
    }

    void datasetDdl(Exchange exchange) {
        exchange.getMessage().setBody(destination.tables().datasetDdl());
    }

    void datasetReady(Exchange exchange) {
        destination.tables().datasetReady();
    }

    void tablesDdl(Exchange exchange) {
        exchange.getMessage().setBody(destination.tables().tablesDdl(table(exchange)));
    }

    void tablesReady(Exchange exchange) {
        destination.tables().tablesReady(table(exchange));
    }

    /** The split's statement (its body) as the next job. */
    void ddl(Exchange exchange) {
        sql(exchange, exchange.getMessage().getBody(String.class), "freshdesk_");
    }

    /** The DDL of the stream's tables that are missing, then the view's {@code CREATE OR REPLACE VIEW}. */
    void customFieldsDdl(Exchange exchange) {
        CustomFieldsView view = exchange.getVariable("customFieldsView", CustomFieldsView.class);
        List<String> ddl = new ArrayList<>(destination.tables().tablesDdl(view.table()));
        ddl.add(destination.sql().customFieldsView(view));
        exchange.getMessage().setBody(ddl);
    }

    void customFieldsReady(Exchange exchange) {
        destination.tables().tablesReady(exchange.getVariable("customFieldsView", CustomFieldsView.class).table());
    }
}
