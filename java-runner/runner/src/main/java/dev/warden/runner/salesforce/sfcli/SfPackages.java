package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 2GP packaging through sf ({@code package version create / report / promote}, {@code package install}), each one sf
 * call with {@code --json}; the results read as the shapes in shared/reference/devhub-packaging-wire.md §8-§13. An
 * installation key goes to sf as its flag (sf takes it no other way) and never into a result, report or log here.
 */
public final class SfPackages {
    private final SfCli sf;

    public SfPackages(SfCli sf) {
        this.sf = sf;
    }

    /** One created (or failed) version: {@code package version create}'s mapped Package2VersionCreateRequest (§8.6). */
    public record VersionCreated(
            String requestId,
            String status,
            String packageName,
            String package2VersionId,
            String subscriberPackageVersionId,
            String versionNumber,
            Double codeCoverage,
            Boolean passedCodeCoverageCheck,
            List<String> errors) {
        public boolean success() {
            return "Success".equals(status);
        }
    }

    /** {@code package version report}: the Package2Version (§11). */
    public record VersionReport(
            String subscriberPackageVersionId,
            String name,
            String version,
            boolean released,
            Double codeCoverage,
            Boolean passedCodeCoverageCheck,
            boolean validationSkipped) {}

    /** {@code package install}: the PackageInstallRequest (§13.3). */
    public record InstallRequest(String requestId, String status, List<String> errors) {
        public boolean success() {
            return "SUCCESS".equals(status);
        }
    }

    /**
     * {@code sf package version create --package P (--installation-key K | --installation-key-bypass) [--code-coverage]
     * --wait N}: waits for the version (a request still in progress when the wait ends is returned as it is).
     */
    public VersionCreated createVersion(
            String devHub, String packageName, String installationKey, boolean codeCoverage, Duration wait) {
        List<String> args = new ArrayList<>(List.of("package", "version", "create", "--package", packageName));
        if (installationKey != null) {
            args.addAll(List.of("--installation-key", installationKey));
        } else {
            args.add("--installation-key-bypass");
        }
        if (codeCoverage) {
            args.add("--code-coverage");
        }
        args.addAll(List.of("--wait", String.valueOf(Math.max(1, wait.toMinutes()))));
        hub(args, devHub);
        return parseCreated(sf.run("create a package version of " + packageName, wait.plusMinutes(2), args));
    }

    public VersionReport report(String devHub, String version) {
        List<String> args = new ArrayList<>(List.of("package", "version", "report", "--package", version));
        hub(args, devHub);
        return parseReport(sf.run("report package version " + version, Duration.ofMinutes(3), args));
    }

    public void promote(String devHub, String version) {
        List<String> args =
                new ArrayList<>(List.of("package", "version", "promote", "--package", version, "--no-prompt"));
        hub(args, devHub);
        JsonNode r = sf.run("promote package version " + version, Duration.ofMinutes(3), args);
        if (r.has("success") && !r.path("success").asBoolean()) {
            throw new SfCliException(
                    "promote package version " + version,
                    "PromoteFailed",
                    r.path("errors").toString(),
                    1);
        }
    }

    /** {@code sf package install} for admins only ({@code --security-type AdminsOnly}, sf's default, said explicitly). */
    public InstallRequest install(String targetOrg, String version, String installationKey, Duration wait) {
        List<String> args = new ArrayList<>(List.of(
                "package",
                "install",
                "--package",
                version,
                "--target-org",
                targetOrg,
                "--security-type",
                "AdminsOnly",
                "--no-prompt",
                "--wait",
                String.valueOf(Math.max(1, wait.toMinutes())),
                "--publish-wait",
                "2"));
        if (installationKey != null) {
            args.addAll(List.of("--installation-key", installationKey));
        }
        return parseInstall(sf.run("install package " + version, wait.plusMinutes(4), args));
    }

    private static void hub(List<String> args, String devHub) {
        if (devHub != null) {
            args.addAll(List.of("--target-dev-hub", devHub));
        }
    }

    static VersionCreated parseCreated(JsonNode r) {
        List<String> errors = new ArrayList<>();
        JsonNode err = r.path("Error");
        if (err.isArray()) {
            err.forEach(e ->
                    errors.add(e.isTextual() ? e.asText() : e.path("Message").asText(e.toString())));
        }
        String number = text(r, "VersionNumber");
        return new VersionCreated(
                text(r, "Id"),
                text(r, "Status"),
                text(r, "Package2Name"),
                text(r, "Package2VersionId"),
                text(r, "SubscriberPackageVersionId"),
                number == null || number.contains("null") ? null : number,
                coverage(r.path("CodeCoverage")),
                bool(r.path("HasPassedCodeCoverageCheck")),
                List.copyOf(errors));
    }

    static VersionReport parseReport(JsonNode r) {
        String version = text(r, "Version");
        if (version == null && r.hasNonNull("MajorVersion")) {
            version = r.path("MajorVersion").asText() + "."
                    + r.path("MinorVersion").asText() + "."
                    + r.path("PatchVersion").asText() + "."
                    + r.path("BuildNumber").asText();
        }
        return new VersionReport(
                text(r, "SubscriberPackageVersionId"),
                text(r, "Name"),
                version,
                r.path("IsReleased").asBoolean(false),
                coverage(r.path("CodeCoverage")),
                bool(r.path("HasPassedCodeCoverageCheck")),
                r.path("ValidationSkipped").asBoolean(false));
    }

    static InstallRequest parseInstall(JsonNode r) {
        List<String> errors = new ArrayList<>();
        r.path("Errors")
                .path("errors")
                .forEach(e -> errors.add(e.path("message").asText(e.toString())));
        return new InstallRequest(text(r, "Id"), text(r, "Status"), List.copyOf(errors));
    }

    /** {@code {"apexCodeCoveragePercentage":N}}, a plain number, or null / "N/A" (not measured): never invented. */
    static Double coverage(JsonNode c) {
        if (c.isNumber()) {
            return c.asDouble();
        }
        if (c.isObject() && c.path("apexCodeCoveragePercentage").isNumber()) {
            return c.path("apexCodeCoveragePercentage").asDouble();
        }
        if (c.isTextual() && c.asText().matches("\\d+(\\.\\d+)?%?")) {
            return Double.parseDouble(c.asText().replace("%", ""));
        }
        return null;
    }

    private static Boolean bool(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : null;
    }

    private static String text(JsonNode r, String field) {
        JsonNode n = r.path(field);
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
