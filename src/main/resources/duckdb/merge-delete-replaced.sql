DELETE FROM ${current} WHERE id IN (SELECT id FROM ${fresh})
