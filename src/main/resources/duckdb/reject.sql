INSERT INTO _rejected (stream, page_url, reason, raw, _sync_run_id, rejected_at) VALUES (?, ?, ?, ?, ?, ?)
