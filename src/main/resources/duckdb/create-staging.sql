CREATE OR REPLACE TEMP TABLE ${staging} (id BIGINT, updated_at TIMESTAMPTZ${columns},
    record JSON, _loaded_at TIMESTAMPTZ, _sync_run_id VARCHAR)
