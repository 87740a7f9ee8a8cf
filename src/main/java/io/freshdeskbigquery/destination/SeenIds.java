package io.freshdeskbigquery.destination;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.freshdeskbigquery.table.StreamTable;

/** The ids a complete read of a list read whole found: every other row of its current table is gone from Freshdesk. */
public record SeenIds(StreamTable table, long[] ids) {

    /** The ids as one comma-separated text (BigQuery's parameter). */
    public String joined() {
        return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
    }
}
