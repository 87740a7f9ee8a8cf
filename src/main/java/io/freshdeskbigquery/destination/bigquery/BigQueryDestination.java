package io.freshdeskbigquery.destination.bigquery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobStatistics;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.Destination;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.bigquery.GoogleBigQueryConnectionFactory;
import org.jboss.logging.Logger;

/**
 * The BigQuery destination: its settings, its client (bound in Camel's registry as the connection factory of the
 * {@code google-bigquery} endpoints) and what the routes ({@link BigQueryRoutes}) remember between calls, one of each
 * per process:
 * <ul>
 * <li>{@link DatasetTables}: the dataset's tables, created when missing; what exists is read once per process, so a
 * restart runs no DDL.</li>
 * <li>{@link StatesReadAhead}: before the runs of {@code sync.once}, every stream's row of {@code _sync_state} read in
 * one SELECT, which each run's load takes.</li>
 * <li>{@link MergeMarks}: how far each stream's last MERGE reached and its writes went.</li>
 * <li>{@link SeenIdsChecks}: the ids of each list read whole whose rows gone and back were last checked.</li>
 * </ul>
 * Transient failures (5xx, {@code backendError}, {@code rateLimitExceeded}, row errors with a transient reason, a
 * table not visible yet right after its creation (404), DML that lost a race on a table) are retried by one layer
 * only, Camel's redelivery on the BigQuery routes ({@code bigquery.retry.*}): the client itself does not retry, so a
 * lasting failure costs {@code bigquery.retry.max-attempts} calls, not their square.
 */
public class BigQueryDestination implements Destination {

    /** The registry name of the connection factory the endpoints use. */
    public static final String CONNECTION_FACTORY = "freshdeskBigQueryConnectionFactory";
    /** The header holding the statement the SQL endpoint runs. */
    public static final String SQL_HEADER = "freshdeskBigQuerySql";
    /** BigQuery refuses a column whose name starts so, ignoring case ("Column names", BigQuery's schema docs). */
    public static final List<String> RESERVED_COLUMN_PREFIXES = List.of("_PARTITION", "_TABLE_", "_FILE_",
            "_ROW_TIMESTAMP",
            "__ROOT__", "_COLIDENTIFIER");

    private static final Logger LOG = Logger.getLogger(BigQueryDestination.class);

    private final BigQuerySettings settings;
    private final BoundaryKeys boundaryKeys;
    private final BigQuery client;
    private final BigQuerySql sql;
    private final DatasetTables tables;
    private final StatesReadAhead statesReadAhead = new StatesReadAhead();
    private final MergeMarks mergeMarks = new MergeMarks();
    private final SeenIdsChecks seenIdsChecks = new SeenIdsChecks();

    /**
     * @param camel the context that runs {@link BigQueryRoutes}: the connection factory their endpoints use is bound
     *              in its registry here
     */
    public BigQueryDestination(BigQuerySettings settings, BigQuery client, CamelContext camel,
            BoundaryKeys boundaryKeys) {
        this.boundaryKeys = boundaryKeys;
        this.settings = settings;
        this.client = client;
        this.sql = new BigQuerySql(settings.projectId(), settings.dataset());
        this.tables = new DatasetTables(client, settings, sql);
        camel.getRegistry()
                .bind(CONNECTION_FACTORY, GoogleBigQueryConnectionFactory.class,
                        new GoogleBigQueryConnectionFactory(client));
    }

    @Override
    public String describe() {
        return "bigquery:" + settings;
    }

    @Override
    public int mergeEveryBatches() {
        return settings.mergeEveryBatches();
    }

    @Override
    public Duration commitInterval() {
        return settings.commitInterval();
    }

    @Override
    public List<String> reservedColumnPrefixes() {
        return RESERVED_COLUMN_PREFIXES;
    }

    BigQuerySettings settings() {
        return settings;
    }

    BigQuerySql sql() {
        return sql;
    }

    BoundaryKeys boundaryKeys() {
        return boundaryKeys;
    }

    DatasetTables tables() {
        return tables;
    }

    StatesReadAhead statesReadAhead() {
        return statesReadAhead;
    }

    MergeMarks mergeMarks() {
        return mergeMarks;
    }

    SeenIdsChecks seenIdsChecks() {
        return seenIdsChecks;
    }

    /** How many rows the MERGE inserted and updated (jobs.get); null when BigQuery does not say. */
    DmlStats dmlStats(JobId jobId) {
        try {
            Job job = client.getJob(jobId);
            if (job != null && job.getStatistics() instanceof JobStatistics.QueryStatistics statistics) {
                return statistics.getDmlStats();
            }
        } catch (RuntimeException e) {
            LOG.debugf("No DML statistics for job %s: %s", jobId.getJob(), e.getMessage());
        }
        return null;
    }

    /** Jobs named by the loader, in bigquery.location (the SQL component would leave the location out). */
    JobId jobId(String prefix) {
        return JobId.newBuilder()
                .setProject(settings.projectId())
                .setLocation(settings.location())
                .setJob(prefix + UUID.randomUUID().toString().replace("-", ""))
                .build();
    }
}
