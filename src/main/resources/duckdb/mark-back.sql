UPDATE ${current} SET _deleted_at = NULL WHERE _deleted_at IS NOT NULL AND id IN (SELECT id FROM ${seen})
