SELECT max(_loaded_at), count(*) FROM ${changes} WHERE ${loadedAfter}
