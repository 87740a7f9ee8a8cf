CREATE OR REPLACE VIEW ${view} AS SELECT t.*${fields} FROM ${current} t
