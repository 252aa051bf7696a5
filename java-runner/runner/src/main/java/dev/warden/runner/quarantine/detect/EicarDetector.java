package dev.warden.runner.quarantine.detect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The EICAR anti-malware test file, detected as the EICAR specification defines it: the 68-byte string at the very
 * start of the file, optionally followed by whitespace (space, tab, CR, LF, Ctrl-Z), 128 bytes at most in total.
 * A document that merely quotes the string (like a security article) is not the test file and is not flagged.
 */
public final class EicarDetector implements Detector {

    /** Built from pieces so that no file in the repository carries the signature itself. */
    public static byte[] signature() {
        String text =
                String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!", "$H+H*");
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] SIGNATURE = signature();
    private static final int MAX_FILE_LENGTH = 128;

    @Override
    public String id() {
        return "eicar";
    }

    /** The test file is at most 128 bytes: content streamed in windows is longer, so never the test file. */
    @Override
    public boolean wholeContent() {
        return true;
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        if (content.length() < SIGNATURE.length || content.length() > MAX_FILE_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (content.byteAt(i) != SIGNATURE[i]) {
                return Optional.empty();
            }
        }
        for (int i = SIGNATURE.length; i < content.length(); i++) {
            if (!isTrailer(content.byteAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Finding(id(), "EICAR anti-malware test file"));
    }

    private static boolean isTrailer(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x1A;
    }
}
