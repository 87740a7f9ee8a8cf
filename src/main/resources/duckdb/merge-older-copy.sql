EXISTS (SELECT 1 FROM ${changes} o WHERE o._loaded_at <= ${mark} AND o.id = n.id AND o.updated_at = n.updated_at)
