UPDATE ${bigQuerySyncState} SET `merged_through` = CAST(@through AS TIMESTAMP) WHERE `stream` = @stream
