package dev.warden.apex.lower;

/** Apex this runtime does not run: named, with where it was written. Fails loudly instead of guessing. */
public final class UnsupportedFeature extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;
    private final String feature;

    public UnsupportedFeature(String feature, Pos pos) {
        super("not supported by the local org's Apex runtime: " + feature + (pos == null ? "" : " (" + pos + ")"));
        this.feature = feature;
        this.pos = pos;
    }

    public String feature() {
        return feature;
    }

    public Pos pos() {
        return pos;
    }
}
