SELECT coalesce(sum(_versions), 0) FROM ${fresh}
