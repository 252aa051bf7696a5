package dev.warden.runner.connect;

/**
 * The org to connect to is unusable as given (unknown alias, fault rules the embedded org refused): the command maps it
 * to exit 2 with this one line. Lives here, not in {@code cli}, so the composition root depends on no command type.
 */
public final class BadTargetException extends RuntimeException {
    public BadTargetException(String message) {
        super(message);
    }
}
