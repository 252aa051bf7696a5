package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.OrgException;

/**
 * A 2GP version number {@code major.minor.patch.build} as the descriptor carries it; {@code build} is null for
 * {@code NEXT} (the Dev Hub assigns it: one more than the highest build of that major.minor.patch, INFERRED).
 */
record VersionNumber(int major, int minor, int patch, Integer build) {

    static VersionNumber parse(String text) {
        String[] p = text == null ? new String[0] : text.trim().split("\\.");
        if (p.length != 4) {
            // Wording UNCONFIRMED (sf checks the format before it uploads, so only a hand-made request gets here).
            throw new OrgException(
                    "INVALID_INPUT", "The version number " + text + " is not in the format major.minor.patch.build");
        }
        try {
            Integer build = p[3].equalsIgnoreCase("NEXT") ? null : Integer.valueOf(p[3]);
            return new VersionNumber(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), build);
        } catch (NumberFormatException e) {
            throw new OrgException(
                    "INVALID_INPUT", "The version number " + text + " is not in the format major.minor.patch.build");
        }
    }

    VersionNumber withBuild(int b) {
        return new VersionNumber(major, minor, patch, b);
    }

    String majorMinorPatch() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return majorMinorPatch() + "." + (build == null ? "NEXT" : build);
    }
}
