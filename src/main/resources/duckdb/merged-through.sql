SELECT coalesce((SELECT merged_through FROM _merge_state WHERE stream = ?),
    (SELECT max(_loaded_at) FROM ${current}))
