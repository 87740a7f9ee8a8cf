SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', MAX(`_loaded_at`), 'UTC') AS `newest` FROM ${bigQueryChanges} WHERE `_loaded_at` >= CAST(@from AS TIMESTAMP)
