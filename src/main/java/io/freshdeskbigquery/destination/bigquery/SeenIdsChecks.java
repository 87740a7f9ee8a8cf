package io.freshdeskbigquery.destination.bigquery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.freshdeskbigquery.destination.SeenIds;

/**
 * Per list read whole, the fingerprint of the ids whose rows gone and back were last checked (and marked): a complete
 * read that finds the same ids finds no row gone or back, and needs no query.
 */
final class SeenIdsChecks {

    /** Per list read whole, the fingerprint of the ids whose rows gone and back were last checked ({@link #fingerprint}). */
    private final Map<String, String> seenIdsChecked = new ConcurrentHashMap<>();

    /**
     * Whether a complete read of a list read whole found exactly the ids of the last one whose rows gone and back were
     * checked (and marked), as the cursor's row said when the run started or this process saved since: then no row is
     * gone or back. The current table's unmarked rows are those ids since that check: rows come into it only from the
     * list's own reads, and an id that leaves or comes back changes the ids.
     */
    boolean sameIdsAsLastChecked(String stream, String fingerprint) {
        return fingerprint.equals(seenIdsChecked.get(stream));
    }

    /** The rows gone and back of the ids with this {@link #fingerprint} were checked and marked, and it was saved. */
    void seenIdsChecked(String stream, String fingerprint) {
        seenIdsChecked.put(stream, fingerprint);
    }

    /**
     * The fingerprint of the ids last checked, as the stream's row of {@code _sync_state} says it
     * ({@code seen_ids_sha256}, answered by the {@link BigQuerySql#loadState} SELECT).
     */
    void stateRowRead(String stream, Object selected) {
        Object seenIds = SelectedRows.single(selected, "seen_ids_sha256");
        if (seenIds == null) {
            seenIdsChecked.remove(stream);
        } else {
            seenIdsChecked.put(stream, seenIds.toString());
        }
    }

    /** SHA-256 (hex) of the ids, sorted, as decimal text joined by commas. */
    static String fingerprint(SeenIds seen) {
        long[] ids = seen.ids().clone();
        Arrays.sort(ids);
        StringBuilder text = new StringBuilder(ids.length * 12);
        for (long id : ids) {
            text.append(id).append(',');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
