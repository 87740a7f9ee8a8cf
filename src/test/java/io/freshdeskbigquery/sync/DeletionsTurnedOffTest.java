package io.freshdeskbigquery.sync;

import io.freshdeskbigquery.testing.FreshdeskWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync.tickets.deletions=false} and {@code sync.contacts.deletions=false}: tickets and contacts read their own
 * lists only; Freshdesk is not asked for a deleted or spam record, and the deleted ones stay as last loaded.
 */
@QuarkusTest
@WithTestResource(value = FreshdeskWireMock.class, initArgs = {
        @ResourceArg(name = "sync.streams", value = "tickets,contacts"),
        @ResourceArg(name = "sync.tickets.deletions", value = "false"),
        @ResourceArg(name = "sync.contacts.deletions", value = "false")})
class DeletionsTurnedOffTest extends DeletionsRideScenario {

    @Test
    void noDeletionListIsAskedFor() {
        liveRecordsSyncedThenDeleted();

        runEachStreamOnce();

        assertThat(DELETION_LISTS).allSatisfy(list -> assertThat(requests(list)).as(list.toString()).isZero());
        // the tickets and contacts lists were read (the deleted records are gone from them)
        assertThat(requests(anyRequest())).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM tickets WHERE _deleted_at IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM contacts WHERE _deleted_at IS NOT NULL")).isZero();
    }
}
