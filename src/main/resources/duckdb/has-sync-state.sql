SELECT count(*) FROM duckdb_tables()
WHERE database_name = ${catalog} AND schema_name = 'main' AND table_name = '_sync_state'
