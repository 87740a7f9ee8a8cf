package io.freshdeskbigquery.destination.bigquery;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection the BigQuery REST model classes that google-http-client maps to and from JSON
 * reflectively, for the calls this destination makes (insertAll, jobs.insert/get, getQueryResults,
 * tabledata.list). UNVERIFIED: no native build has been run (no GraalVM on the build machines); see
 * docs/bigquery.md for what else a native image is likely to need.
 */
@RegisterForReflection(targets = {
        com.google.api.services.bigquery.model.TableDataInsertAllRequest.class,
        com.google.api.services.bigquery.model.TableDataInsertAllRequest.Rows.class,
        com.google.api.services.bigquery.model.TableDataInsertAllResponse.class,
        com.google.api.services.bigquery.model.TableDataInsertAllResponse.InsertErrors.class,
        com.google.api.services.bigquery.model.ErrorProto.class,
        com.google.api.services.bigquery.model.Job.class,
        com.google.api.services.bigquery.model.JobReference.class,
        com.google.api.services.bigquery.model.JobStatus.class,
        com.google.api.services.bigquery.model.JobConfiguration.class,
        com.google.api.services.bigquery.model.JobConfigurationQuery.class,
        com.google.api.services.bigquery.model.JobStatistics.class,
        com.google.api.services.bigquery.model.JobStatistics2.class,
        com.google.api.services.bigquery.model.DmlStatistics.class,
        com.google.api.services.bigquery.model.GetQueryResultsResponse.class,
        com.google.api.services.bigquery.model.TableDataList.class,
        com.google.api.services.bigquery.model.TableSchema.class,
        com.google.api.services.bigquery.model.TableFieldSchema.class,
        com.google.api.services.bigquery.model.TableReference.class,
        com.google.api.services.bigquery.model.DatasetReference.class,
        com.google.api.services.bigquery.model.TableRow.class,
        com.google.api.services.bigquery.model.TableCell.class,
        com.google.api.services.bigquery.model.QueryParameter.class,
        com.google.api.services.bigquery.model.QueryParameterType.class,
        com.google.api.services.bigquery.model.QueryParameterValue.class,
        com.google.api.client.googleapis.json.GoogleJsonError.class,
        com.google.api.client.googleapis.json.GoogleJsonError.ErrorInfo.class,
        com.google.api.client.json.GenericJson.class })
public final class BigQueryReflection {

    private BigQueryReflection() {
    }
}
