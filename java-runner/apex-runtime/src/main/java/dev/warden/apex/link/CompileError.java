package dev.warden.apex.link;

import dev.warden.apex.lower.Pos;

/** A compile problem in Salesforce's words ("Variable does not exist: x") at a line and column. */
public final class CompileError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Pos pos;
    private final String problem;

    public CompileError(String problem, Pos pos) {
        super(pos == null ? problem : pos + ": " + problem);
        this.problem = problem;
        this.pos = pos;
    }

    public String problem() {
        return problem;
    }

    public Pos pos() {
        return pos;
    }
}
