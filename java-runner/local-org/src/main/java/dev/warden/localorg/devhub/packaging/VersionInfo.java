package dev.warden.localorg.devhub.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.server.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The uploaded {@code package-version-info.zip} (devhub-packaging-wire.md 8.2): the package's Metadata API zip, its
 * descriptor, and the optional definition-file settings and test-only metadata.
 *
 * @param packageZip {@code package.zip}: package.xml at its root
 * @param descriptor {@code package2-descriptor.json}
 * @param settingsZip {@code settings.zip} (the definition file's settings) or null
 * @param unpackagedZip {@code unpackaged-metadata-package.zip} or null
 * @param seedZip {@code seed-metadata-package.zip} or null
 */
record VersionInfo(byte[] packageZip, JsonNode descriptor, byte[] settingsZip, byte[] unpackagedZip, byte[] seedZip) {

    static VersionInfo read(byte[] zip) {
        Map<String, byte[]> entries = entries(zip);
        byte[] pkg = entries.get("package.zip");
        byte[] descriptor = entries.get("package2-descriptor.json");
        if (pkg == null || descriptor == null) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT",
                    "VersionInfo must be a zip holding package.zip and package2-descriptor.json; it holds "
                            + entries.keySet());
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(descriptor);
        } catch (IOException e) {
            throw new OrgException("INVALID_INPUT", "package2-descriptor.json is not JSON: " + e.getMessage());
        }
        return new VersionInfo(
                pkg,
                json,
                entries.get("settings.zip"),
                entries.get("unpackaged-metadata-package.zip"),
                entries.get("seed-metadata-package.zip"));
    }

    /** Every file entry of a zip by name. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new OrgException("INVALID_INPUT", "VersionInfo is not a readable zip: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "VersionInfo is not a readable zip (no entries)");
        }
        return out;
    }
}
