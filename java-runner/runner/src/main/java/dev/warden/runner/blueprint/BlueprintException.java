package dev.warden.runner.blueprint;

/** A blueprint that cannot be used; the message is one line naming the file, line and element. */
public final class BlueprintException extends RuntimeException {
    public BlueprintException(String message) {
        super(message);
    }
}
