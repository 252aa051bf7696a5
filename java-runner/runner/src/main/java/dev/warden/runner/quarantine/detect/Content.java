package dev.warden.runner.quarantine.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes to scan plus derived views computed once: SHA-256 and a lenient UTF-8 text view (binary content simply
 * yields text that no text pattern matches).
 */
public final class Content {
    private final byte[] bytes;
    private String text;
    private String sha256;

    public Content(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static Content ofText(String text) {
        return new Content(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    byte byteAt(int i) {
        return bytes[i];
    }

    public synchronized String text() {
        if (text == null) {
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public synchronized String sha256() {
        if (sha256 == null) {
            sha256 = sha256Hex(bytes);
        }
        return sha256;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
