package dev.warden.localorg.rest;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slice of the Tooling API the sf CLI and the runner touch. Tooling queries read the same records as the data
 * API (ApexClass, ApexTrigger, StaticResource, CustomPermission, PermissionSet, ...); objects only the real Tooling
 * API has (SandboxProcess, SourceMember, ...) are INVALID_TYPE, which tells sf "not a sandbox" and "no source
 * tracking". The Apex test and coverage objects (ApexTestRunResult, ApexCodeCoverage, ...) are records the local
 * org's test runs write (apex/ApexTestRuns); test runs themselves are served by the Apex extension's routes, which
 * take precedence over the refusals registered here.
 */
final class ToolingApi {
    /** Tooling-only objects the local org does not model. */
    private static final Set<String> NOT_MODELLED = Set.of("sandboxprocess", "sourcemember", "permissiondependency");
    /** Complex (JSON-valued) Tooling fields: stored as JSON text, answered as the JSON value (object.field). */
    private static final Set<String> COMPLEX_FIELDS = Set.of(
            "apexcodecoverage.coverage",
            "apexcodecoverageaggregate.coverage",
            // 2GP packaging on a local Dev Hub (devhub/packaging): also read through relationships
            // (Package2VersionCreateRequest's Package2Version.CodeCoverage).
            "package2version.codecoverage",
            "package2version.codecoveragepercentages",
            "subscriberpackageversion.dependencies");

    static final String NO_APEX = "Apex execution is not available in the local org through this call yet: tests run"
            + " through tooling/runTestsSynchronous and anonymous Apex through the SOAP Apex API (sf apex run); or use a"
            + " scratch org or sandbox (warden test --target-org <org>).";

    private ToolingApi() {}

    static void register(LocalOrgContext ctx) {
        String t = RestApi.V + "/tooling";
        ctx.routes().add("GET", t + "/query/?", ApiKind.REST, true, ToolingApi::query);
        ctx.routes().add("GET", t + "/sobjects/SourceMember/describe/?", ApiKind.REST, true, req -> {
            // sf project retrieve needs exactly this message to skip source tracking (sf-cli-wire.md).
            throw OrgException.notFound();
        });
        for (String run : List.of("runTestsSynchronous", "runTestsAsynchronous", "executeAnonymous")) {
            ctx.routes().add("*", t + "/" + run + "/?", ApiKind.REST, true, req -> {
                throw new OrgException("FUNCTIONALITY_NOT_ENABLED", NO_APEX);
            });
        }
    }

    /**
     * SourceMember is served by the orgs that track source changes: scratch orgs a local Dev Hub created define it
     * (docs/local-org.md "Dev Hub"); every other org keeps answering INVALID_TYPE.
     */
    private static boolean tracksSource(dev.warden.localorg.setup.Org org, String type) {
        return type.equalsIgnoreCase("SourceMember") && org.schema().get("SourceMember") != null;
    }

    /**
     * SandboxProcess is served by the orgs that create sandboxes: orgs started on their own define it
     * (devhub/sandbox, docs/local-org.md "Sandboxes"); orgs they host keep answering INVALID_TYPE.
     */
    private static boolean hasSandboxes(dev.warden.localorg.setup.Org org, String type) {
        return type.equalsIgnoreCase("SandboxProcess") && org.schema().get("SandboxProcess") != null;
    }

    private static Response query(Request req) {
        return query(req, req.param("q"));
    }

    /** A Tooling query of {@code soql} (which may differ from the request's q): see {@link ToolingQueries}. */
    static Response query(Request req, String soql) {
        String version = RestApi.version(req);
        if (soql == null || soql.isBlank()) {
            throw new OrgException("MALFORMED_QUERY", "A query string has to be specified");
        }
        OrgSoqlSource source = new OrgSoqlSource(
                req.org().db(),
                type -> !NOT_MODELLED.contains(type.name().toLowerCase(java.util.Locale.ROOT))
                        || tracksSource(req.org(), type.name())
                        || hasSandboxes(req.org(), type.name()));
        QueryResult r = dev.warden.localorg.query.QueryLimits.run(
                soql,
                () -> Soql.query(soql, source, new QueryOptions(req.org().db().clock(), false)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", r.totalSize());
        m.put("totalSize", r.totalSize());
        m.put("done", true);
        m.put("queryLocator", null);
        m.put(
                "entityTypeName",
                r.records().isEmpty() ? null : r.records().get(0).objectName());
        List<Object> records = new ArrayList<>();
        for (ResultRecord rr : r.records()) {
            Map<String, Object> rendered = QueryApi.render(version, rr);
            @SuppressWarnings("unchecked")
            Map<String, Object> attrs = (Map<String, Object>) rendered.get("attributes");
            if (attrs.get("url") instanceof String url) {
                attrs.put("url", url.replace("/sobjects/", "/tooling/sobjects/"));
            }
            complexFields(rr.objectName(), rendered);
            records.add(rendered);
        }
        m.put("records", records);
        return Response.json(200, m);
    }

    @SuppressWarnings("unchecked")
    private static void complexFields(String objectName, Map<String, Object> rendered) {
        for (Map.Entry<String, Object> e : rendered.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> parent
                    && parent.get("attributes") instanceof Map<?, ?> attrs
                    && attrs.get("type") instanceof String parentType) {
                complexFields(parentType, (Map<String, Object>) parent); // a relationship's record
                continue;
            }
            String key = (objectName + "." + e.getKey()).toLowerCase(java.util.Locale.ROOT);
            if (e.getValue() instanceof String json && COMPLEX_FIELDS.contains(key)) {
                try {
                    e.setValue(dev.warden.localorg.server.Json.MAPPER.readTree(json));
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException("stored " + key + " is not JSON", ex);
                }
            }
        }
    }
}
