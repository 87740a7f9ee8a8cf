UPDATE ${current} SET _deleted_at = now() WHERE _deleted_at IS NULL AND id NOT IN (SELECT id FROM ${seen})
