SET threads = ${threads}
