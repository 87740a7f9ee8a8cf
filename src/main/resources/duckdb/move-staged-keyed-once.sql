INSERT OR IGNORE INTO ${history} BY NAME SELECT * FROM ${staging}
QUALIFY row_number() OVER (PARTITION BY id, updated_at) = 1
