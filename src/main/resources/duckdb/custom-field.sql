TRY_CAST(json_extract_string(t.record, ${path}) AS ${type}) AS ${column}
