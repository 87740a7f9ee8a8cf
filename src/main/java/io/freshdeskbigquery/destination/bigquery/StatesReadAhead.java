package io.freshdeskbigquery.destination.bigquery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream's row of {@code _sync_state}, read in one SELECT before the runs of {@code sync.once} (one query job,
 * not one a stream), each kept until its stream's load takes it.
 */
final class StatesReadAhead {

    /** Per stream, its row of {@code _sync_state} read ahead with every other's (none: an empty list), until taken. */
    private final Map<String, List<Map<?, ?>>> statesReadAhead = new ConcurrentHashMap<>();

    /**
     * Each named stream's row of {@code _sync_state} as one {@link BigQuerySql#loadStates} SELECT answered it (a stream
     * without a row: none), kept for that stream's next {@link #take}.
     */
    void keep(List<String> streams, Object selected) {
        Map<String, Map<?, ?>> rows = new HashMap<>();
        if (selected instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> map && map.get("stream") != null) {
                    rows.put(map.get("stream").toString(), map);
                }
            }
        }
        for (String stream : streams) {
            Map<?, ?> row = rows.get(stream);
            statesReadAhead.put(stream, row == null ? List.of() : List.of(row));
        }
    }

    /** Whether the stream's row was read ahead and not taken yet. */
    boolean has(String stream) {
        return statesReadAhead.containsKey(stream);
    }

    /**
     * The stream's row as read ahead, as its own {@link BigQuerySql#loadState} SELECT would answer it; once: the state
     * changes with the run's commits, so a later load reads it again.
     */
    List<Map<?, ?>> take(String stream) {
        return statesReadAhead.remove(stream);
    }
}
