package dev.warden.runner.salesforce.sfcli;

/** The sf CLI failed; {@code name} and the message are sf's own ({@code NamedOrgNotFoundError}, ...). */
public final class SfCliException extends RuntimeException {
    private final String name;
    private final int exitCode;

    public SfCliException(String what, String name, String message, int exitCode) {
        super(what + ": sf " + (name == null ? "" : name + ": ") + message);
        this.name = name;
        this.exitCode = exitCode;
    }

    public String name() {
        return name;
    }

    public int exitCode() {
        return exitCode;
    }

    /** sf could not find the org: the user gave a wrong alias or username (bad input). */
    public boolean isUnknownOrg() {
        return name != null
                && (name.contains("NamedOrgNotFound")
                        || name.contains("NoAuthInfoFound")
                        || name.contains("AuthInfoNotFound")
                        || name.contains("NoOrgFound")
                        || name.contains("NoDefaultEnv"));
    }
}
