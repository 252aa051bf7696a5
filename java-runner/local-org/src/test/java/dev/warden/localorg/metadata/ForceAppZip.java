package dev.warden.localorg.metadata;

import java.io.IOException;

/** The repository's force-app as an mdapi zip ({@link ForceAppPackage}), for tests outside this package. */
public final class ForceAppZip {
    private ForceAppZip() {}

    public static byte[] zip() throws IOException {
        return ForceAppPackage.zip();
    }
}
