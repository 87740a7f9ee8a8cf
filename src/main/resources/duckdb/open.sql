-- the file attached to the in-memory database: only ATTACH takes the row group size (it holds for this process's
-- writes; the file keeps no setting) and the storage version
ATTACH ${path} AS ${catalog} (ROW_GROUP_SIZE ${rowGroupSize}, STORAGE_VERSION ${storageVersion});
-- long texts compressed with zstd (the record column of tables made before RECORD_COMPRESSION, the text columns):
-- FSST and the dictionary take no segment holding a string over 4 KB, so without zstd such a segment is stored
-- uncompressed
SET zstd_min_string_length = ${zstdMinStringLength};
USE ${catalog};
-- where DuckDB spills beyond memory_limit: beside the file, as when the file is opened as the database (an in-memory
-- database's own default is .tmp in the working directory, which may not be writable)
SET temp_directory = ${tempDirectory};
SET TimeZone = 'UTC';
-- bounded native memory: DuckDB spills to <file>.tmp beyond it instead of growing with the account
SET memory_limit = ${memoryLimit};
-- fewer checkpoints: each one also writes the last row group of every table again
SET checkpoint_threshold = ${checkpointThreshold};
