CREATE TABLE IF NOT EXISTS ${table} (id BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL${columns},
    record JSON NOT NULL USING COMPRESSION ${recordCompression},
    _loaded_at TIMESTAMPTZ NOT NULL, _sync_run_id VARCHAR NOT NULL)
