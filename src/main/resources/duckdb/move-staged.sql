INSERT INTO ${history} BY NAME SELECT * FROM ${staging}
