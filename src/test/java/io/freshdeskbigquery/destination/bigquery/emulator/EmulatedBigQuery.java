package io.freshdeskbigquery.destination.bigquery.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableResult;

/**
 * The tests' own view of a BigQuery engine (the emulator, or a real project in the live smoke test): SQL written
 * by the test, read through Google's client, independent of the loader's destination code.
 */
public class EmulatedBigQuery {

    private final BigQuery client;
    private final String project;
    private final String dataset;

    public EmulatedBigQuery(String host, String project, String dataset) {
        this(BigQueryOptions.newBuilder()
                .setHost(host)
                .setProjectId(project)
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService(), project, dataset);
    }

    public EmulatedBigQuery(BigQuery client, String project, String dataset) {
        this.client = client;
        this.project = project;
        this.dataset = dataset;
    }

    public BigQuery client() {
        return client;
    }

    public String dataset() {
        return dataset;
    }

    /** {@code `project.dataset`} */
    public String qualifiedDataset() {
        return "`" + project + "." + dataset + "`";
    }

    /** {@code `project.dataset.table`} */
    public String table(String table) {
        return "`" + project + "." + dataset + "." + table + "`";
    }

    /** Runs a statement; {@code {t:name}} stands for the qualified table {@code name}. */
    public void execute(String sql) {
        query(sql);
    }

    /** Runs a query; {@code {t:name}} stands for the qualified table {@code name}. Rows as column name to text. */
    public List<Map<String, String>> query(String sql) {
        String statement = sql.replaceAll("\\{t:([A-Za-z0-9_]+)}", "`" + project + "." + dataset + ".$1`");
        try {
            TableResult result = client.query(QueryJobConfiguration.newBuilder(statement).build());
            List<Map<String, String>> rows = new ArrayList<>();
            if (result.getSchema() == null) {
                return rows;
            }
            List<Field> fields = result.getSchema().getFields();
            for (FieldValueList values : result.iterateAll()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    row.put(fields.get(i).getName(), values.get(i).isNull() ? null : values.get(i).getStringValue());
                }
                rows.add(row);
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The single value a query returns, as a number. */
    public long count(String sql) {
        return Long.parseLong(query(sql).get(0).values().iterator().next());
    }
}
