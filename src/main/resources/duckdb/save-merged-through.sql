INSERT OR REPLACE INTO _merge_state (stream, merged_through, merged_at) VALUES (?, ?::TIMESTAMPTZ, now())
