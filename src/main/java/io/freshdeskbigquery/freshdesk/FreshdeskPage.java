package io.freshdeskbigquery.freshdesk;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of a Freshdesk list, checked: the usable records in the order Freshdesk sent them, the records
 * that could not be used (with why), and what the page says about the rest of the list.
 *
 * @param url          the page's URL without credentials, for logs and the {@code _rejected} table
 * @param records      records with an {@code id} and an {@code updated_at}
 * @param bad          records missing either, or not objects
 * @param hasNext      Freshdesk sent {@code Link: <...>; rel="next"}
 * @param ordered      {@code updated_at} never decreases along the page
 * @param newest       newest {@code updated_at} on the page, null if the page has no usable record
 * @param countAtNewest how many records on the page have the newest {@code updated_at}
 * @param rawRecords   the text of each of {@code records}, as Freshdesk sent it (UTF-8); null when not kept
 * @param updatedAts   the {@code updated_at} of each of {@code records}, as the page's check read it
 */
public record FreshdeskPage(String url, List<ObjectNode> records, List<BadRecord> bad, boolean hasNext,
        boolean ordered, Instant newest, int countAtNewest, List<byte[]> rawRecords,
        List<Instant> updatedAts) {

    public static final String PROPERTY = "freshdeskPage";

    /**
     * A record that cannot be loaded, with the reason and its raw JSON text; {@code url} names it when it is not the
     * page's (a record read alone, {@link PageIsolation}), else null.
     */
    public record BadRecord(String reason, String raw, String url) {

        public BadRecord(String reason, String raw) {
            this(reason, raw, null);
        }
    }

    /** The text record {@code index} came in (UTF-8, as Freshdesk sent it), or null when it was not kept. */
    public byte[] raw(int index) {
        return rawRecords == null ? null : rawRecords.get(index);
    }

    /** The {@code updated_at} of record {@code index}: read once a record, when the page is checked. */
    public Instant updatedAt(int index) {
        return updatedAts.get(index);
    }

    /**
     * This page with {@code newest} and {@code countAtNewest} taken over the records updated at or before {@code limit}
     * only (what the keyset's next request and the cursor follow): a record dated past it does not move them.
     */
    public FreshdeskPage newestUpTo(Instant limit) {
        Instant newestUpTo = null;
        int count = 0;
        for (Instant updatedAt : updatedAts) {
            if (updatedAt.isAfter(limit)) {
                continue;
            }
            if (newestUpTo == null || updatedAt.isAfter(newestUpTo)) {
                newestUpTo = updatedAt;
                count = 1;
            } else if (updatedAt.equals(newestUpTo)) {
                count++;
            }
        }
        return new FreshdeskPage(url, records, bad, hasNext, ordered, newestUpTo, count, rawRecords,
                updatedAts);
    }

    public boolean isEmpty() {
        return records.isEmpty() && bad.isEmpty();
    }
}
