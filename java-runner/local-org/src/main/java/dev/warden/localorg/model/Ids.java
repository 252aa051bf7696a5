package dev.warden.localorg.model;

/**
 * Salesforce record ids: 3-character key prefix + 12 base-62 characters (15, case-sensitive), plus the 3-character
 * case-insensitivity suffix that makes the 18-character form.
 */
public final class Ids {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private Ids() {}

    /** The 18-character id for {@code prefix} and a sequence number. */
    public static String make(String prefix, long sequence) {
        StringBuilder body = new StringBuilder(12);
        long n = sequence;
        for (int i = 0; i < 12; i++) {
            body.append(BASE62.charAt((int) (n % 62)));
            n /= 62;
        }
        return to18(prefix + body.reverse());
    }

    /** Adds the checksum suffix to a 15-character id; returns 18-character ids unchanged. */
    public static String to18(String id) {
        if (id.length() == 18) {
            return id;
        }
        if (id.length() != 15) {
            throw new IllegalArgumentException("not a 15-character id: " + id);
        }
        StringBuilder out = new StringBuilder(id);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_CHARS.charAt(bits));
        }
        return out.toString();
    }

    /** True for a well-formed 15- or 18-character id (alphanumeric, and a consistent suffix for 18). */
    public static boolean isValid(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return id.length() == 15
                || to18(id.substring(0, 15)).equalsIgnoreCase(id)
                        && to18(id.substring(0, 15)).substring(0, 15).equals(id.substring(0, 15));
    }

    /** Normalises a valid 15- or 18-character id to its canonical 18-character form. */
    public static String canonical(String id) {
        return to18(id.substring(0, 15));
    }

    /** The sequence number encoded in an id made by {@link #make} (characters 4–15 in base 62). */
    public static long sequence(String id) {
        long n = 0;
        for (int i = 3; i < 15; i++) {
            n = n * 62 + BASE62.indexOf(id.charAt(i));
        }
        return n;
    }

    public static String prefix(String id) {
        return id.substring(0, 3);
    }
}
