package dev.warden.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packaging facts of sfdx-project.json: the default directory's package, the aliases, the namespace. */
record ProjectPackages(String defaultPackage, Map<String, String> aliases, String namespace) {

    static ProjectPackages read(Path projectDir) {
        Path file = projectDir.resolve("sfdx-project.json");
        JsonNode json = json(file);
        String pkg = defaultPackage(json);
        Map<String, String> aliases = new LinkedHashMap<>();
        json.path("packageAliases")
                .fields()
                .forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asText()));
        if (pkg == null) {
            throw new BadInputException(file + ": no package directory names a package (sf package create writes one)");
        }
        return new ProjectPackages(pkg, aliases, json.path("namespace").asText(""));
    }

    /**
     * The project's package name, or {@code fallback} where there is no sfdx-project.json or it names no package (the
     * runner run outside the project); a file that is not JSON is bad input.
     */
    static String packageNameOr(Path projectDir, String fallback) {
        Path file = projectDir.resolve("sfdx-project.json");
        String pkg = Files.isRegularFile(file) ? defaultPackage(json(file)) : null;
        return pkg == null ? fallback : pkg;
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(
                    file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /** The default package directory's {@code package} (else the first directory's), or null. */
    private static String defaultPackage(JsonNode json) {
        String pkg = null;
        for (JsonNode dir : json.path("packageDirectories")) {
            if (dir.path("default").asBoolean(false) || pkg == null) {
                pkg = dir.path("package").asText(null);
            }
        }
        return pkg;
    }

    /**
     * A package version given as a 04t id or an alias of sfdx-project.json ({@code Warden@0.1.0-1}, written by sf when
     * a version is created); anything else is bad input.
     */
    String versionId(String packageOrAlias) {
        if (packageOrAlias.matches("04t[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
            return packageOrAlias;
        }
        String id = aliases.get(packageOrAlias);
        if (id != null && id.startsWith("04t")) {
            return id;
        }
        throw new BadInputException("--package " + packageOrAlias + ": not a 04t package version id"
                + (id != null
                        ? " (the alias names " + id + ", not a version)"
                        : " nor a version alias of sfdx-project.json")
                + "; see sf package version list");
    }
}
