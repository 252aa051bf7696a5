package dev.warden.runner.cli;

/** The user gave something unusable (unknown org, bad option value): exit 2, one line. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
