SELECT cursor, CAST(boundary_keys AS VARCHAR), _sync_run_id FROM _sync_state WHERE stream = ?
