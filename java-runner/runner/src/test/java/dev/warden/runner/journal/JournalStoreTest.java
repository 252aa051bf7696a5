package dev.warden.runner.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 defect: a write that fails (a full disk) left an empty journal temp file next to the journals. */
class JournalStoreTest {
    @TempDir
    Path dir;

    @Test
    void aJournalSavedTwiceIsReadBackWhole() {
        JournalStore store = new JournalStore(dir);
        Journal j = Journal.start("00D000000000001", "scanner@example.com", Instant.parse("2026-12-05T00:00:00Z"));
        store.save(j);
        store.save(j);
        assertEquals(
                j.username(),
                store.load("00D000000000001", "scanner@example.com")
                        .orElseThrow()
                        .username());
        assertEquals(1, files().count(), "one journal file, no temp file");
    }

    @Test
    void aWriteThatFailsLeavesNoTempFileBehind() throws Exception {
        JournalStore store = new JournalStore(dir);
        Journal j = Journal.start("00D000000000001", "scanner@example.com", Instant.parse("2026-12-05T00:00:00Z"));
        // The journal's place is taken by a non-empty directory: the final move fails as a full disk's write would.
        Files.createDirectories(store.file(j.orgId(), j.username()).resolve("occupied"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.save(j));
        assertTrue(e.getMessage().startsWith("cannot write journal"), e.getMessage());
        try (Stream<Path> left = files()) {
            assertTrue(
                    left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no journal*.tmp left in " + dir);
        }
    }

    private Stream<Path> files() {
        try {
            return Files.list(dir).filter(Files::isRegularFile);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
