DELETE FROM ${staging}
