package io.freshdeskbigquery.destination.bigquery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import io.freshdeskbigquery.table.Column;
import io.freshdeskbigquery.table.StreamTable;

/**
 * The dataset's tables as this process knows them, and the DDL they lack: the dataset, {@code _sync_state},
 * {@code _rejected}, {@code <stream>_changes} and {@code <stream>} created when missing, and the columns added since
 * added to a table an older version made. What exists is read once per process (three metadata calls:
 * {@code datasets.get}, {@code tables.list}, {@code tables.get}), so a restart runs no DDL; the DDL itself runs
 * through the SQL route ({@link BigQuerySchemaRoutes}).
 */
final class DatasetTables {

    private final BigQuery client;
    private final BigQuerySettings settings;
    private final BigQuerySql sql;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    /** The tables the dataset had when this process first looked (read once, by {@link #datasetDdl}). */
    private final Set<String> existingTables = ConcurrentHashMap.newKeySet();
    private volatile boolean datasetReady;

    DatasetTables(BigQuery client, BigQuerySettings settings, BigQuerySql sql) {
        this.client = client;
        this.settings = settings;
        this.sql = sql;
    }

    /**
     * The DDL the dataset needs: itself, {@code _sync_state} and {@code _rejected} when missing, and
     * {@code _sync_state}'s later columns ({@link BigQuerySql#SYNC_STATE_ADDED}) added to a table made by an older version. Three metadata calls
     * ({@code datasets.get}, {@code tables.list}, {@code tables.get}), once per process, find what is there already:
     * DDL jobs run only for what is missing. Empty once {@link #datasetReady()}.
     */
    synchronized List<String> datasetDdl() {
        if (datasetReady) {
            return List.of();
        }
        List<String> ddl = new ArrayList<>();
        DatasetId datasetId = DatasetId.of(settings.projectId(), settings.dataset());
        existingTables.clear();
        if (client.getDataset(datasetId) == null) {
            ddl.add(sql.createDataset(settings.location()));
        } else {
            client.listTables(datasetId).iterateAll().forEach(t -> existingTables.add(t.getTableId().getTable()));
        }
        if (!existingTables.contains(BigQuerySql.SYNC_STATE)) {
            ddl.add(sql.createSyncState());
        } else {
            Set<String> columns = columns(TableId.of(settings.projectId(), settings.dataset(), BigQuerySql.SYNC_STATE));
            for (Map.Entry<String, String> column : BigQuerySql.SYNC_STATE_ADDED.entrySet()) {
                if (!columns.contains(column.getKey())) {
                    ddl.add(sql.addSyncStateColumn(column.getKey(), column.getValue()));
                }
            }
        }
        if (!existingTables.contains(BigQuerySql.REJECTED)) {
            ddl.add(sql.createRejected());
        }
        return ddl;
    }

    synchronized void datasetReady() {
        datasetReady = true;
    }

    /** The DDL the stream's tables need (none when the dataset had them, or this process made them). */
    synchronized List<String> tablesDdl(StreamTable table) {
        if (prepared.contains(table.name())) {
            return List.of();
        }
        List<String> ddl = new ArrayList<>();
        for (String name : List.of(table.changesTable(), table.currentTable())) {
            if (!existingTables.contains(name)) {
                ddl.add(name.equals(table.changesTable()) ? sql.createChanges(table) : sql.createCurrent(table));
                continue;
            }
            // a table made by an older version gets the columns added since (one tables.get finds them)
            List<Column> missing = missingColumns(name, table);
            ddl.addAll(sql.addColumns(name, missing));
        }
        return ddl;
    }

    void tablesReady(StreamTable table) {
        prepared.add(table.name());
    }

    private List<Column> missingColumns(String tableName, StreamTable table) {
        Table existing = client.getTable(TableId.of(settings.projectId(), settings.dataset(), tableName));
        Schema schema = existing == null ? null : existing.getDefinition().getSchema();
        if (schema == null) {
            return List.of();
        }
        return table.columns()
                .stream()
                .filter(column -> schema.getFields()
                        .stream()
                        .noneMatch(f -> f.getName().equalsIgnoreCase(column.name())))
                .toList();
    }

    /** The table's column names, in lower case (none for a table not found). */
    private Set<String> columns(TableId tableId) {
        Table table = client.getTable(tableId);
        Schema schema = table == null ? null : table.getDefinition().getSchema();
        return schema == null
                ? Set.of()
                : schema.getFields()
                        .stream()
                        .map(f -> f.getName().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
    }
}
