package dev.warden.runner.quarantine.detect;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM private key blocks (PKCS#1 RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8): a BEGIN line, at least one line of
 * base64 body and the matching END line. A header without a body (documentation talking about keys) and public keys
 * or certificates are not flagged. The pattern spells its dashes as {@code -{5}} so this source file never contains a
 * key header itself.
 */
public final class PrivateKeyDetector implements Detector {
    private static final String DASHES = "-{5}";
    private static final Pattern BLOCK = Pattern.compile(DASHES + "BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)" + DASHES
            + "\\r?\\n(?:[A-Za-z0-9-]+: [^\\r\\n]*\\r?\\n)*\\r?\\n?(?:[A-Za-z0-9+/=]{16,}\\r?\\n)+[A-Za-z0-9+/=]*\\r?\\n?"
            + DASHES + "END \\1" + DASHES);

    @Override
    public String id() {
        return "dlp.private-key";
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        Matcher m = BLOCK.matcher(content.text());
        return m.find()
                ? Optional.of(new Finding(
                        id(), m.group(1).toLowerCase(java.util.Locale.ROOT) + " block at character " + m.start()))
                : Optional.empty();
    }
}
