CREATE TABLE IF NOT EXISTS _sync_state (stream VARCHAR PRIMARY KEY, cursor TIMESTAMPTZ NOT NULL,
    boundary_keys JSON NOT NULL, _sync_run_id VARCHAR, committed_at TIMESTAMPTZ NOT NULL);
CREATE TABLE IF NOT EXISTS _rejected (stream VARCHAR NOT NULL, page_url VARCHAR, reason VARCHAR NOT NULL,
    raw VARCHAR, _sync_run_id VARCHAR, rejected_at TIMESTAMPTZ NOT NULL);
-- how far each stream's current table reflects its history: the newest _loaded_at its last merge took
CREATE TABLE IF NOT EXISTS _merge_state (stream VARCHAR PRIMARY KEY,
    merged_through TIMESTAMPTZ NOT NULL, merged_at TIMESTAMPTZ NOT NULL);
