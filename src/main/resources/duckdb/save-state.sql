INSERT OR REPLACE INTO _sync_state (stream, cursor, boundary_keys, _sync_run_id, committed_at)
VALUES (?, ?, ?::JSON, ?, ?)
