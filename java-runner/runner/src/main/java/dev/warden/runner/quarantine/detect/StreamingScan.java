package dev.warden.runner.quarantine.detect;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Detectors over a stream of any length in bounded memory: content that fits one window (1 MiB) is inspected whole,
 * exactly as {@link Detectors#inspect(Content)} does; longer content is read window by window, each window starting
 * with the last {@link #OVERLAP} bytes of the one before (cut at a whitespace where there is one, so a pattern's
 * left boundary is a real one), the pattern detectors run over every window, and the whole-content detectors (the
 * SHA-256 blocklist; EICAR, which is at most 128 bytes) judge the digest at the end. Memory per scan: one window plus
 * its text view, whatever the content's length.
 *
 * <p>A match longer than the overlap could straddle two windows unseen; every pattern the detectors look for (a card
 * number, an SSN, an access key id, a PEM private key block of a few KB) is far shorter than 64 KiB.
 */
public final class StreamingScan {
    public static final int WINDOW = 1 << 20;
    public static final int OVERLAP = 64 << 10;

    /** What a scan found, the content's SHA-256 (for the verdict) and its length in bytes. */
    public record Result(Optional<Finding> finding, String sha256, long length) {}

    private final Detectors detectors;

    public StreamingScan(Detectors detectors) {
        this.detectors = detectors;
    }

    /** Reads {@code in} to its end (unless a finding comes first) and closes it. */
    public Result scan(InputStream in) throws IOException {
        try (in) {
            MessageDigest sha = sha256();
            byte[] window = new byte[WINDOW + OVERLAP];
            int filled = readFully(in, window, 0, WINDOW + 1);
            if (filled <= WINDOW) {
                Content whole = new Content(Arrays.copyOf(window, filled));
                return new Result(detectors.inspect(whole), whole.sha256(), filled);
            }
            sha.update(window, 0, filled);
            long total = filled;
            long windowStart = 0;
            Optional<Finding> found = inspectWindow(window, filled, windowStart);
            while (true) {
                int keepFrom = cutPoint(window, filled);
                int kept = filled - keepFrom;
                System.arraycopy(window, keepFrom, window, 0, kept);
                windowStart += keepFrom;
                int read = readFully(in, window, kept, window.length - kept);
                if (read == 0) {
                    break;
                }
                sha.update(window, kept, read);
                total += read;
                filled = kept + read;
                if (found.isEmpty()) {
                    // After a finding the rest is only hashed: the verdict carries the SHA-256 of the whole content.
                    found = inspectWindow(window, filled, windowStart);
                }
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            if (found.isEmpty()) {
                found = wholeContent(hex, total);
            }
            return new Result(found, hex, total);
        }
    }

    /** The pattern detectors over one window; a finding's position is made absolute. */
    private Optional<Finding> inspectWindow(byte[] window, int filled, long windowStart) {
        Content c = new Content(Arrays.copyOf(window, filled));
        for (Detector d : detectors.all()) {
            if (d.wholeContent()) {
                continue;
            }
            Optional<Finding> f = d.inspect(c);
            if (f.isPresent()) {
                return windowStart == 0
                        ? f
                        : Optional.of(new Finding(
                                f.get().detector(), f.get().reason() + " of the part from byte " + windowStart));
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> wholeContent(String sha256, long length) {
        for (Detector d : detectors.all()) {
            if (d.wholeContent()) {
                Optional<Finding> f = d.inspectDigest(sha256, length);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return Optional.empty();
    }

    /** Where the next window starts: the first whitespace within the last OVERLAP bytes, else exactly OVERLAP bytes back. */
    private static int cutPoint(byte[] window, int filled) {
        int from = Math.max(0, filled - OVERLAP);
        for (int i = from; i < filled; i++) {
            byte b = window[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return i;
            }
        }
        return from;
    }

    private static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
