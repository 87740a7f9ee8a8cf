ATTACH ${path} AS ${catalog} (READ_ONLY);
USE ${catalog};
SET TimeZone = 'UTC';
