package io.freshdeskbigquery.sync.run;

import io.freshdeskbigquery.destination.SyncState;
import org.apache.camel.Exchange;

/**
 * A batch of rows on its way to the stream's writer (the rows are the message body; this is the exchange property
 * {@value #PROPERTY}): the pages they came from, and the cursor state that may be saved once they are written — taken
 * when the batch was handed over, so later pages (read meanwhile) never move the cursor before their own rows are
 * written.
 *
 * @param firstPage the first page of the batch, counted in the run from 1 (0: the batch has no page)
 * @param lastPage its last page
 * @param rows how many rows it holds
 * @param cursor the cursor and boundary keys to save after the write; null when no page took the cursor anywhere yet
 * @param last the run's last batch: its cursor is committed whatever the commit interval
 */
public record WriteBatch(int firstPage, int lastPage, int rows, SyncState cursor, boolean last) {

    public static final String PROPERTY = "writeBatch";

    /** The exchange's batch holds rows (the run's last batch may hold none, only its cursor). */
    public static boolean holdsRows(Exchange exchange) {
        return exchange.getProperty(PROPERTY, WriteBatch.class).rows() > 0;
    }

    /** For messages: which pages of the run the rows came from. */
    public String pages() {
        return firstPage == 0
                ? "no page"
                : firstPage == lastPage ? "page " + firstPage : "pages " + firstPage + "-" + lastPage;
    }
}
