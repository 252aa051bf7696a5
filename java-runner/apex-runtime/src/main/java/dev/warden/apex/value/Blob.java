package dev.warden.apex.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An Apex Blob: immutable bytes. */
public record Blob(byte[] bytes) {
    public static Blob of(String s) {
        return new Blob(s.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Blob[" + bytes.length + "]";
    }
}
