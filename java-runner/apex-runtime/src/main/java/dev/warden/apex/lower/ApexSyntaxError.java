package dev.warden.apex.lower;

/** A source the Apex grammar refuses. */
public final class ApexSyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;

    public ApexSyntaxError(String message, Pos pos) {
        super(message);
        this.pos = pos;
    }

    public Pos pos() {
        return pos;
    }
}
