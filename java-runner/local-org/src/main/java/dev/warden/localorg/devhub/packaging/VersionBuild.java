package dev.warden.localorg.devhub.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.Map;

/**
 * One version build on the hub: reads the descriptor, checks the ancestor, validates in the build org, assigns the
 * build number and stores the version ({@link VersionRecords}). Anything wrong is a {@link VersionCreate.Failed}.
 */
final class VersionBuild {
    private VersionBuild() {}

    static String run(Org hub, Caller caller, Record pkg, JsonNode request, byte[] versionInfoZip) {
        long started = System.nanoTime();
        VersionInfo info = VersionInfo.read(versionInfoZip);
        JsonNode d = info.descriptor();
        String descriptorId = d.path("id").asText("");
        if (!descriptorId.isEmpty() && !descriptorId.regionMatches(0, pkg.id(), 0, 15)) {
            throw new VersionCreate.Failed("The package id in package2-descriptor.json (" + descriptorId
                    + ") is not the request's Package2Id (" + pkg.id() + ")");
        }
        if (d.path("dependencies").isArray() && !d.path("dependencies").isEmpty()) {
            throw new VersionCreate.Failed(
                    "not supported by the local Dev Hub: package dependencies (the build org would have to install"
                            + " them first)");
        }
        VersionNumber requested = VersionNumber.parse(d.path("versionNumber").asText(null));
        Record ancestor = Ancestors.resolve(hub, pkg, d.path("ancestorId").asText(""), requested);
        boolean skip = request.path("SkipValidation").asBoolean(false);
        boolean coverage = request.path("CalculateCodeCoverage").asBoolean(false);
        BuildOrg.Outcome build = null;
        if (!skip) {
            build = BuildOrg.validate(hub.orgId(), info, coverage);
            if (!build.ok()) {
                throw new VersionCreate.Failed(build.errors());
            }
        }
        Map<String, byte[]> files = VersionInfo.entries(info.packageZip());
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        int seconds = (int) Math.round((System.nanoTime() - started) / 1e9);
        String key = request.hasNonNull("InstallKey")
                        && !request.path("InstallKey").asText().isEmpty()
                ? request.path("InstallKey").asText()
                : null;
        // The number is assigned and the rows written under one lock, so two builds never share a build number.
        synchronized (hub) {
            VersionNumber number = BuildNumbers.assign(hub, pkg, requested, text(request, "Branch"));
            return VersionRecords.store(
                    hub,
                    caller,
                    new VersionRecords.Built(
                            pkg,
                            number,
                            d.hasNonNull("versionName") ? d.path("versionName").asText() : number.majorMinorPatch(),
                            d.hasNonNull("versionDescription")
                                    ? d.path("versionDescription").asText()
                                    : null,
                            text(request, "Tag"),
                            text(request, "Branch"),
                            text(request, "Language"),
                            ancestor,
                            key,
                            skip,
                            request.path("AsyncValidation").asBoolean(false),
                            build,
                            info.packageZip(),
                            files.size(),
                            bytes,
                            seconds));
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
