package dev.warden.runner.quarantine.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Content whose SHA-256 is on a blocklist. File format: one 64-hex-digit hash per line, optionally followed by
 * whitespace and a label; blank lines and lines starting with {@code #} are ignored. A malformed line is rejected with
 * its line number, so a typo never silently disables the list.
 */
public final class Sha256Blocklist implements Detector {
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private final Set<String> hashes;
    private final String source;

    public Sha256Blocklist(Set<String> hashes, String source) {
        this.hashes =
                Set.copyOf(hashes.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.source = source;
    }

    public static Sha256Blocklist load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), String.valueOf(file.getFileName()));
    }

    public static Sha256Blocklist parse(List<String> lines, String source) {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String hash = line.split("\\s+", 2)[0];
            if (!HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                        + ": expected a SHA-256 (64 hex digits), got '" + abbreviate(hash) + "'");
            }
            hashes.add(hash);
        }
        return new Sha256Blocklist(hashes, source);
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    public int size() {
        return hashes.size();
    }

    @Override
    public String id() {
        return "sha256-blocklist";
    }

    @Override
    public boolean wholeContent() {
        return true;
    }

    @Override
    public Optional<Finding> inspectDigest(String sha256, long length) {
        return hashes.contains(sha256)
                ? Optional.of(new Finding(id(), "SHA-256 is on the blocklist " + source))
                : Optional.empty();
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        return hashes.contains(content.sha256())
                ? Optional.of(new Finding(id(), "SHA-256 is on the blocklist " + source))
                : Optional.empty();
    }
}
