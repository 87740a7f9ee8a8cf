package io.freshdeskbigquery.destination;

import java.time.Instant;
import java.util.Set;

/**
 * A stream's committed position: every record with {@code updated_at} before {@code cursor} is loaded, and
 * so are the records at the cursor's own second whose keys ({@code id@updated_at}) are listed.
 */
public record SyncState(String stream, Instant cursor, Set<String> boundaryKeys, String syncRunId) {
}
