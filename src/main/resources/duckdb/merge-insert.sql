INSERT INTO ${current} (${columns}) SELECT ${historyColumns}
FROM ${changes} h SEMI JOIN ${fresh} f ON h.id = f.id AND h.updated_at = f.updated_at
WHERE ${loadedAfter}
