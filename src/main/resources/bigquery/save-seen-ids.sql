UPDATE ${bigQuerySyncState} SET `seen_ids_sha256` = @seen_ids_sha256 WHERE `stream` = @stream
