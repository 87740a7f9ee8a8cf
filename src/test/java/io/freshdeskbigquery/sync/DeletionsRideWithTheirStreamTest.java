package io.freshdeskbigquery.sync;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.streams=tickets,contacts}, nothing else set: tickets brings deleted_tickets and spam_tickets along,
 * contacts deleted_contacts, so a deleted or spam ticket and a deleted contact are marked in their tables without
 * the user naming the deletion lists; each list is read once a run.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets,contacts")})
class DeletionsRideWithTheirStreamTest extends DeletionsRideScenario {

    @Test
    void ticketsAndContactsMarkTheirDeletedAndSpamRecordsReadingEachDeletionListOnceARun() {
        liveRecordsSyncedThenDeleted();

        runEachStreamOnce();

        theDeletionsAreMarked();
        assertThat(DELETION_LISTS).allSatisfy(list -> assertThat(requests(list)).as(list.toString()).isEqualTo(1));
    }
}
