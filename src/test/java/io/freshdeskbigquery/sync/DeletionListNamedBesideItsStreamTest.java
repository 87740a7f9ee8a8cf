package io.freshdeskbigquery.sync;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment that named the deletion lists before they came along with their streams: each is still read, once a
 * run, not once for its name and once for its stream.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets,deleted_tickets,spam_tickets,contacts,deleted_contacts")})
class DeletionListNamedBesideItsStreamTest extends DeletionsRideScenario {

    @Test
    void eachDeletionListIsReadOnceARun() {
        liveRecordsSyncedThenDeleted();

        runEachStreamOnce();

        theDeletionsAreMarked();
        assertThat(DELETION_LISTS).allSatisfy(list -> assertThat(requests(list)).as(list.toString()).isEqualTo(1));
    }
}
