package dev.warden.apex.value;

/**
 * An Apex Id. Held in its 18-character form; equal to another Id (or the same record's 15-character form) when the
 * case-sensitive first 15 characters match, as Apex compares Ids.
 */
public final class ApexId {
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private final String id18;

    private ApexId(String id18) {
        this.id18 = id18;
    }

    /** Null when {@code text} is not a 15/18-character Id (the caller raises Apex's error). */
    public static ApexId parse(String text) {
        if (text == null || (text.length() != 15 && text.length() != 18)) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        String fifteen = text.substring(0, 15);
        String full = fifteen + suffix(fifteen);
        if (text.length() == 18 && !full.equalsIgnoreCase(text)) {
            return null;
        }
        return new ApexId(full);
    }

    private static String suffix(String id15) {
        StringBuilder s = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            s.append(SUFFIX.charAt(bits));
        }
        return s.toString();
    }

    public String prefix() {
        return id18.substring(0, 3);
    }

    public String id15() {
        return id18.substring(0, 15);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApexId other && other.id15().equals(id15());
    }

    @Override
    public int hashCode() {
        return id15().hashCode();
    }

    @Override
    public String toString() {
        return id18;
    }
}
