package io.freshdeskbigquery.destination.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshdeskbigquery.destination.BoundaryKeys;
import io.freshdeskbigquery.destination.DestinationException;
import io.freshdeskbigquery.destination.StateCheck;
import io.freshdeskbigquery.destination.SyncState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code sync.check} reads of a DuckDB file ({@link DuckDbDestination#checkState}): nothing created, nothing written. */
class DuckDbCheckStateTest {

    private static final BoundaryKeys KEYS = new BoundaryKeys(new ObjectMapper());

    @TempDir
    Path dir;

    @Test
    void aFileNotThereYetIsLeftToTheFirstSyncAndNotCreated() {
        Path file = dir.resolve("data/sub/freshdesk.duckdb");

        StateCheck found = DuckDbDestination.checkState(file.toString(), KEYS, "tickets");

        assertThat(found.missing()).isEqualTo("does not exist yet; the first sync creates it");
        assertThat(found.committed()).isNull();
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSyncedFileAnswersTheCommittedCursorAndIsNotWritten() throws Exception {
        Path file = dir.resolve("freshdesk.duckdb");
        Instant cursor = Instant.parse("2026-03-01T10:15:30Z");
        try (DuckDbDestination destination = new DuckDbDestination(DuckDbDestination.Settings.defaults(file.toString()),
                KEYS)) {
            destination.saveState(new SyncState("tickets", cursor, Set.of("7"), "run-1"));
        }
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        var before = listing();

        StateCheck tickets = DuckDbDestination.checkState(file.toString(), KEYS, "tickets");
        StateCheck contacts = DuckDbDestination.checkState(file.toString(), KEYS, "contacts");

        assertThat(tickets.missing()).isNull();
        assertThat(tickets.committed().cursor()).isEqualTo(cursor);
        assertThat(contacts).isEqualTo(StateCheck.read(null));
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotDuckDbCannotBeOpened() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.duckdb"), "a text file\n".repeat(100));

        assertThatThrownBy(() -> DuckDbDestination.checkState(file.toString(), KEYS, "tickets"))
                .isInstanceOf(DestinationException.class)
                .hasMessage("cannot open " + file
                        + ": IO Error: The file exists, but it is not a valid DuckDB database file!");
        assertThat(Files.readString(file)).isEqualTo("a text file\n".repeat(100));
    }

    @Test
    void aPathUnderAFileCannotBeCreated() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("data"), "x");
        String path = notAFolder.resolve("freshdesk.duckdb").toString();

        assertThatThrownBy(() -> DuckDbDestination.checkState(path, KEYS, "tickets"))
                .isInstanceOf(DestinationException.class)
                .hasMessage("cannot create " + path + ": " + notAFolder + " is not a folder");
    }

    private List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
