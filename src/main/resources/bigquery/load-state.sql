SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `cursor`, 'UTC') AS `cursor`, TO_JSON_STRING(`boundary_keys`) AS `boundary_keys`, `_sync_run_id` FROM ${bigQuerySyncState} WHERE `stream` = @stream
