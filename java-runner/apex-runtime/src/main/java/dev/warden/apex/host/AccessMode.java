package dev.warden.apex.host;

/** SYSTEM mode bypasses object access checks; USER mode applies the running user's (WITH USER_MODE, as user). */
public enum AccessMode {
    SYSTEM,
    USER
}
