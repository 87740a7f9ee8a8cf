SELECT count(*) FROM duckdb_constraints()
WHERE database_name = ${catalog} AND table_name = ${table} AND constraint_type = 'PRIMARY KEY'
