USE ${catalog};
SET TimeZone = 'UTC';
