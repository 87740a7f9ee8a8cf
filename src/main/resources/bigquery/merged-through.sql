SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', `merged_through`, 'UTC') AS `merged_through` FROM ${bigQuerySyncState} WHERE `stream` = @stream
