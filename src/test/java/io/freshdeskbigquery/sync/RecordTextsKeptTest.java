package io.freshdeskbigquery.sync;

import java.time.Instant;

import io.freshdeskbigquery.freshdesk.FreshdeskCatalogue;
import io.freshdeskbigquery.sync.run.StreamRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's records are cut into the texts they came in only where those texts become rows: a stream's own list
 * (tickets, deleted tickets), not the parents' list a child stream's run reads for the parents alone.
 */
class RecordTextsKeptTest {

    @Test
    void onlyPagesWhoseRecordsBecomeRowsAsTheyAreKeepTheirTexts() {
        assertThat(new StreamRun(FreshdeskCatalogue.TICKETS, "r", Instant.EPOCH).keepsRecordTexts()).isTrue();
        assertThat(new StreamRun(FreshdeskCatalogue.DELETED_TICKETS, "r", Instant.EPOCH).keepsRecordTexts()).isTrue();
        // the conversations run pages through the tickets list: those tickets are not loaded by it
        assertThat(new StreamRun(FreshdeskCatalogue.CONVERSATIONS, "r", Instant.EPOCH).keepsRecordTexts()).isFalse();
    }
}
