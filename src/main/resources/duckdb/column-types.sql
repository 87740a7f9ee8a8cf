SELECT column_name, data_type FROM duckdb_columns()
WHERE database_name = ${catalog} AND schema_name = 'main' AND table_name = ${table}
ORDER BY column_index
