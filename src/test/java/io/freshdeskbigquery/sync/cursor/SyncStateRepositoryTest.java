package io.freshdeskbigquery.sync.cursor;

import java.time.Instant;
import java.util.Set;

import io.freshdeskbigquery.destination.SyncState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys the repository holds for a run: those that let a re-read record be recognised, and no more, however long
 * the run.
 */
class SyncStateRepositoryTest {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    static String key(long id, Instant updatedAt) {
        return SyncStateRepository.key("tickets", Long.toString(id), updatedAt.toString());
    }

    @Test
    void aLongRunHoldsTheRunStartBoundaryAndTheLastCommittedOneOnly() {
        SyncStateRepository repository = new SyncStateRepository();
        String loadedBefore = key(1, START);
        repository.begin("tickets", new SyncState("tickets", START, Set.of(loadedBefore), "run-0"), START);

        // a backfill: a record a second, the cursor committed after each
        Instant second = START;
        for (long id = 2; id <= 10_001; id++) {
            second = second.plusSeconds(1);
            assertThat(repository.add("tickets", id, second)).isTrue();
            SyncState state = repository.snapshot("tickets", second, "run-1");
            assertThat(state.boundaryKeys()).containsExactly(key(id, second));
            repository.committed(state);
        }

        // keyset paging asks again from the cursor, inclusive: its second's record is known
        assertThat(repository.contains(key(10_001, second))).isTrue();
        assertThat(repository.add("tickets", 10_001, second)).isFalse();
        // the run-start boundary too (an unordered run may meet those records anywhere in it)
        assertThat(repository.contains(loadedBefore)).isTrue();
        // a boundary committed before the last lies behind the cursor: no page from here on reaches it, and it is
        // not held (the set of them grew with the run, and every snapshot read it whole)
        assertThat(repository.contains(key(5_000, START.plusSeconds(4_999)))).isFalse();
    }

    @Test
    void commitsAtTheSameSecondKeepEveryKeyOfIt() {
        SyncStateRepository repository = new SyncStateRepository();
        repository.begin("tickets", null, START);
        Instant second = START.plusSeconds(10);
        repository.add("tickets", 1, second);
        repository.committed(repository.snapshot("tickets", second, "run-1"));
        repository.add("tickets", 2, second);
        SyncState state = repository.snapshot("tickets", second, "run-1");
        assertThat(state.boundaryKeys()).containsExactlyInAnyOrder(key(1, second), key(2, second));
        repository.committed(state);

        assertThat(repository.contains(key(1, second))).isTrue();
        assertThat(repository.contains(key(2, second))).isTrue();
    }
}
