package dev.warden.runner.plan;

/** The blueprint cannot be planned against this org (a name it uses does not exist there): bad input. */
public final class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
