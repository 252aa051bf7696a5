package dev.warden.localorg.devhub.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST tooling/sobjects/Package2VersionCreateRequest} (sf package version create, devhub-packaging-wire.md
 * 8): the multipart VersionInfo is unzipped and, unless {@code SkipValidation}, validated in a fresh build org
 * ({@link BuildOrg}: metadata checks, Apex compile, and with {@code CalculateCodeCoverage} the package's tests and the
 * measured coverage). The build runs inside the POST, so sf's first poll (immediately after it) already reads
 * {@code Success} or {@code Error} and the command returns without its 30-second poll interval. Errors end the
 * request in {@code Error} with one Package2VersionCreateRequestError row per problem, which sf prints as
 * "Multiple errors occurred: (1) …".
 */
final class VersionCreate {
    static final Set<String> FIELDS = Set.of(
            "Package2Id",
            "Tag",
            "Branch",
            "InstallKey",
            "Instance",
            "SourceOrg",
            "CalculateCodeCoverage",
            "SkipValidation",
            "AsyncValidation",
            "IsDevUsePkgZipRequested",
            "Language",
            "CalcTransitiveDependencies",
            "IsConversionRequest");

    /** A problem that ends the request in Error. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final List<String> messages;

        Failed(List<String> messages) {
            super(String.join("; ", messages), null, false, false);
            this.messages = List.copyOf(messages);
        }

        Failed(String message) {
            this(List.of(message));
        }
    }

    private VersionCreate() {}

    static Response create(Request req) {
        Map<String, byte[]> parts = MultipartParts.parse(req.header("Content-Type"), req.body());
        byte[] json = parts.get("Package2VersionCreateRequest");
        byte[] zip = parts.get("VersionInfo");
        if (json == null || zip == null) {
            throw new OrgException(
                    "INVALID_INPUT",
                    "The multipart request needs the parts VersionInfo (zip) and Package2VersionCreateRequest (JSON);"
                            + " it has " + parts.keySet());
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new OrgException("JSON_PARSER_ERROR", "Package2VersionCreateRequest is not JSON: " + e.getMessage());
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such column '" + f + "' on sobject of type Package2VersionCreateRequest",
                        List.of(f));
            }
        });
        Org hub = req.org();
        Caller caller = Caller.system(req.session().userId());
        String package2Id = body.path("Package2Id").asText("");
        Record pkg = package2Id.isEmpty() ? null : hub.db().live(package2Id);
        if (pkg == null || !pkg.objectName().equals(PackagingObjects.PACKAGE2)) {
            // Wording UNCONFIRMED (sf reads the Package2 first, so an unknown id is normally refused before this).
            throw new OrgException(
                    "INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id: Package2Id " + package2Id,
                    List.of("Package2Id"));
        }
        boolean coverage = body.path("CalculateCodeCoverage").asBoolean(false);
        boolean skip = body.path("SkipValidation").asBoolean(false);
        if (coverage && skip) {
            // DOC: "You can't specify both skip validation and code coverage"; wording of the API error UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT", "You can't specify both skip validation and code coverage.", List.of());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Package2Id", pkg.id());
        row.put("Status", "Queued");
        row.put("Tag", text(body, "Tag"));
        row.put("Branch", text(body, "Branch"));
        row.put("Instance", text(body, "Instance"));
        row.put("SourceOrg", text(body, "SourceOrg"));
        row.put("CalculateCodeCoverage", coverage);
        row.put("SkipValidation", skip);
        row.put("AsyncValidation", body.path("AsyncValidation").asBoolean(false));
        row.put("IsDevUsePkgZipRequested", body.path("IsDevUsePkgZipRequested").asBoolean(false));
        row.put("Language", text(body, "Language"));
        row.put(
                "CalcTransitiveDependencies",
                body.path("CalcTransitiveDependencies").asBoolean(false));
        row.put("IsConversionRequest", false);
        // InstallKey is "used only on insert"; it is never stored on the request (DOC: queries return null).
        String requestId = hub.db().insert(caller, PackagingObjects.CREATE_REQUEST, row);
        hub.db().update(caller, requestId, Map.of("Status", "InProgress"));
        try {
            String versionId = VersionBuild.run(hub, caller, pkg, body, zip);
            hub.db().update(caller, requestId, Map.of("Status", "Success", "Package2VersionId", versionId));
        } catch (Failed e) {
            for (String message : e.messages) {
                hub.db()
                        .insert(
                                caller,
                                PackagingObjects.CREATE_REQUEST_ERROR,
                                Map.of("ParentRequestId", requestId, "Message", message));
            }
            hub.db().update(caller, requestId, Map.of("Status", "Error"));
        } catch (OrgException e) {
            fail(hub, caller, requestId, e.getMessage());
        } catch (RuntimeException e) {
            // A fault of the local hub itself: the request still ends (sf would otherwise poll until it times out),
            // saying so; one line on the server's stderr, as the server logs its unexpected errors.
            System.err.println("local-org: package version build " + requestId + " failed: " + e);
            fail(
                    hub,
                    caller,
                    requestId,
                    "The local Dev Hub failed to build the version ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); see the local org's log.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", requestId);
        out.put("success", true);
        out.put("errors", new ArrayList<>());
        return Response.json(201, out);
    }

    private static void fail(Org hub, Caller caller, String requestId, String message) {
        hub.db()
                .insert(
                        caller,
                        PackagingObjects.CREATE_REQUEST_ERROR,
                        Map.of("ParentRequestId", requestId, "Message", message));
        hub.db().update(caller, requestId, Map.of("Status", "Error"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
