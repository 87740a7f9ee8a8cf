SELECT max(_loaded_at) FROM ${history}
