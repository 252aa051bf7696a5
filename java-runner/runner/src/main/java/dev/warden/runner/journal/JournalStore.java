package dev.warden.runner.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Journals live in {@code .warden/} of the project (git-ignored), one file per org and integration user. Each
 * save replaces the file atomically so a crash never leaves half a journal.
 */
public final class JournalStore {
    private final Path dir;
    private final ObjectMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public JournalStore(Path dir) {
        this.dir = dir;
    }

    public Path file(String orgId, String username) {
        String safe = username.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve("journal-" + orgId + "-" + safe + ".json");
    }

    public Optional<Journal> load(String orgId, String username) {
        Path f = file(orgId, username);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), Journal.class));
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + f + " is unreadable: " + e.getMessage(), e);
        }
    }

    public void save(Journal journal) {
        Path f = file(journal.orgId(), journal.username());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "journal", ".tmp");
            try {
                json.writeValue(tmp.toFile(), journal);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                // A full disk fails the write: no empty or partial temp file is left next to the journal.
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + f + ": " + e.getMessage(), e);
        }
    }
}
