package dev.warden.test;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The org a test asked for cannot be had (unknown alias, production refused, deploy failed): one clear sentence. */
public final class WardenTestException extends ExtensionConfigurationException {
    public WardenTestException(String message) {
        super(message);
    }

    public WardenTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
