package io.freshdeskbigquery.destination;

import java.time.Instant;
import java.util.Map;

/**
 * One Freshdesk record ready for the destination: its key ({@code id}, {@code updated_at}), the typed core
 * values by column name (a value may be null) and the whole original record as JSON, so no field is lost.
 */
public record Row(long id, Instant updatedAt, Map<String, Object> values, String recordJson) {
}
