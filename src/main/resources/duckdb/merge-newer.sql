CREATE OR REPLACE TEMP TABLE ${fresh} AS SELECT id, updated_at, count(*) OVER (PARTITION BY id) AS _versions
FROM ${changes} h WHERE ${loadedAfter}
AND NOT EXISTS (SELECT 1 FROM ${current} c WHERE c.id = h.id AND c.updated_at >= h.updated_at)
QUALIFY row_number() OVER (PARTITION BY id ORDER BY updated_at DESC) = 1
