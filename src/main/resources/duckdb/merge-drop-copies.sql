DELETE FROM ${changes} WHERE rowid IN (SELECT rowid FROM (SELECT rowid, id, updated_at,
    row_number() OVER (PARTITION BY id, updated_at ORDER BY _loaded_at) AS copy FROM ${changes}
    WHERE ${loadedAfter}) n WHERE copy > 1 OR ${older})
