package dev.warden.localorg.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.server.AdminControl;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.FaultRule;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.RequestLog;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Sessions;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code /_local/*} admin endpoints (design.md): health, reset, state, requests, limits, faults, plus the
 * local-only ECA install/uninstall (stands for Setup → Connected Apps OAuth Usage → Install, which has no public API)
 * and a refresh-token minting endpoint for {@code sf org login sfdx-url} tests. All need the admin token.
 */
public final class AdminApi {
    private final LocalOrgContext ctx;
    private final AdminControl control;

    private AdminApi(LocalOrgContext ctx, AdminControl control) {
        this.ctx = ctx;
        this.control = control;
    }

    public static void register(LocalOrgContext ctx) {
        AdminControl control = ctx.adminControl();
        AdminApi a = new AdminApi(ctx, control);
        ctx.routes().add("GET", "/_local/health/?", ApiKind.ADMIN, false, a::health);
        ctx.routes().add("POST", "/_local/reset/?", ApiKind.ADMIN, false, req -> {
            control.reset();
            return Response.json(
                    200, Map.of("status", "reset", "orgId", ctx.org().orgId()));
        });
        ctx.routes().add("GET", "/_local/state/?", ApiKind.ADMIN, false, a::state);
        ctx.routes().add("GET", "/_local/requests/?", ApiKind.ADMIN, false, a::requests);
        ctx.routes().add("POST", "/_local/limits/?", ApiKind.ADMIN, false, a::limits);
        ctx.routes().add("POST", "/_local/faults/?", ApiKind.ADMIN, false, a::addFaults);
        ctx.routes().add("DELETE", "/_local/faults/?", ApiKind.ADMIN, false, req -> {
            control.faults().clear();
            return Response.json(200, Map.of("faults", 0));
        });
        ctx.routes().add("POST", "/_local/eca/(\\w+)/(install|uninstall)/?", ApiKind.ADMIN, false, a::install);
        ctx.routes().add("POST", "/_local/refresh-token/?", ApiKind.ADMIN, false, a::refreshToken);
        ctx.routes().add("POST", "/_local/login-credentials/?", ApiKind.ADMIN, false, a::loginCredentials);
        ctx.routes()
                .add(
                        "POST",
                        "/_local/populate/?",
                        ApiKind.ADMIN,
                        false,
                        req -> Response.json(200, new Populate(ctx.org()).run(Populate.Request.of(req.json()))));
    }

    private Response health(Request req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("orgId", ctx.org().orgId());
        m.put("instanceUrl", ctx.instanceUrl());
        return Response.json(200, m);
    }

    /**
     * JSON snapshot: records by type (deleted ones included, flagged IsDeleted), published platform events,
     * metadata-held state (secrets redacted), API usage. {@code ?objects=A,B} limits the record types.
     */
    private Response state(Request req) {
        Org org = ctx.org();
        String filter = req.param("objects");
        Set<String> only = filter == null ? null : new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (only != null) {
            only.addAll(Arrays.asList(filter.split(",")));
        }
        Map<String, Object> records = new LinkedHashMap<>();
        for (SObjectType t : org.schema().all()) {
            if (only != null && !only.contains(t.name())) {
                continue;
            }
            if (t.kind() == dev.warden.localorg.model.ObjectKind.PLATFORM_EVENT) {
                continue;
            }
            List<Record> rows = org.db().rows(t.name(), true);
            if (rows.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> out = new ArrayList<>(rows.size());
            for (Record r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                r.toMap()
                        .forEach((k, v) -> m.put(
                                k, v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : Values.toJson(v)));
                out.add(m);
            }
            records.put(t.name(), out);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (var e : org.db().publishedEvents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", e.objectName());
            m.put("replayId", e.replayId());
            m.put("publishedAt", Values.toJson(e.publishedAt()));
            Map<String, Object> fields = new LinkedHashMap<>();
            e.fields().forEach((k, v) -> fields.put(k, Values.toJson(v)));
            m.put("fields", fields);
            events.add(m);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<Map<String, Object>> ecas = new ArrayList<>();
        for (ExternalClientApp app : org.metadata().ecas()) {
            ecas.add(eca(app));
        }
        metadata.put("externalClientApps", ecas);
        metadata.put("trustedIpRanges", org.metadata().trustedIpRanges());
        metadata.put("profileLoginIpRanges", org.metadata().allProfileLoginIpRanges());
        metadata.put("settings", org.metadata().allSettings());
        List<Map<String, Object>> customObjects = new ArrayList<>();
        for (SObjectType t : org.schema().all()) {
            if (t.custom()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", t.name());
                o.put("kind", t.kind().name());
                o.put("keyPrefix", t.keyPrefix());
                List<String> fields = new ArrayList<>();
                for (FieldDef f : t.fields()) {
                    fields.add(f.name() + ":" + f.type().describeName());
                }
                o.put("fields", fields);
                customObjects.add(o);
            }
        }
        metadata.put("customObjects", customObjects);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orgId", org.orgId());
        m.put(
                "apiUsage",
                Map.of("used", org.apiUsage().used(), "max", org.apiUsage().max()));
        m.put("records", records);
        m.put("platformEvents", events);
        m.put("metadata", metadata);
        return Response.json(200, m);
    }

    private static Map<String, Object> eca(ExternalClientApp app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", app.name());
        m.put("label", app.label());
        m.put("distributionState", app.distributionState());
        m.put("enabled", app.enabled());
        m.put("installed", app.installed());
        if (app.global() != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("consumerKey", app.global().consumerKey());
            g.put("consumerSecret", app.global().consumerSecret() == null ? null : "(redacted)");
            g.put("hasCertificate", app.global().certificatePem() != null);
            g.put("callbackUrl", app.global().callbackUrl());
            g.put("flags", app.global().flags());
            m.put("globalOAuth", g);
        }
        m.put("oauth", app.oauth());
        m.put("policies", app.policies());
        return m;
    }

    private Response requests(Request req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", control.requestLog().counts());
        m.put(
                "apiUsage",
                Map.of(
                        "used",
                        ctx.org().apiUsage().used(),
                        "max",
                        ctx.org().apiUsage().max()));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RequestLog.Entry e : control.requestLog().entries()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("at", Values.toJson(e.at()));
            r.put("method", e.method());
            r.put("path", e.path());
            r.put("query", e.query());
            r.put("api", e.api().name());
            r.put("soapOperation", e.soapOperation());
            r.put("status", e.status());
            r.put("millis", e.millis());
            entries.add(r);
        }
        m.put("requests", entries);
        return Response.json(200, m);
    }

    private Response limits(Request req) {
        JsonNode body = req.json();
        JsonNode n = body.get("dailyApiRequests");
        if (n == null || !n.canConvertToInt() || n.asInt() < 0) {
            throw new OrgException("INVALID_INPUT", "Body must be {\"dailyApiRequests\": N} with N >= 0");
        }
        ctx.org().apiUsage().setMax(n.asInt());
        return Response.json(
                200,
                Map.of(
                        "dailyApiRequests",
                        n.asInt(),
                        "used",
                        ctx.org().apiUsage().used()));
    }

    private Response addFaults(Request req) {
        JsonNode body = req.json();
        JsonNode list = body.isArray()
                ? body
                : body.has("rules")
                        ? body.get("rules")
                        : Json.MAPPER.createArrayNode().add(body);
        List<FaultRule> rules;
        try {
            rules = Json.MAPPER.convertValue(list, new TypeReference<List<FaultRule>>() {});
            for (FaultRule r : rules) {
                r.validated();
            }
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null
                    ? "invalid fault rule"
                    : e.getMessage().split("\n")[0];
            throw new OrgException("INVALID_INPUT", "Invalid fault rule: " + msg);
        }
        control.faults().add(rules);
        return Response.json(200, Map.of("faults", control.faults().size()));
    }

    private Response install(Request req) {
        boolean install = req.pathGroup(2).equals("install");
        ExternalClientApp app = ctx.org().metadata().setInstalled(ctx.org().adminUserId(), req.pathGroup(1), install);
        return Response.json(200, eca(app));
    }

    /** Mints a refresh token for a user (what a browser login would give), e.g. for an sfdx auth URL. Secret output. */
    private Response refreshToken(Request req) {
        JsonNode body = req.json();
        String username = body.path("username").asText(null);
        Record user = username == null ? null : ctx.org().db().findOne("User", "Username", username);
        if (user == null) {
            throw new OrgException("INVALID_INPUT", "Body must be {\"username\": \"<an existing username>\"}");
        }
        String appName = body.path("app").asText(null);
        Sessions.RefreshGrant g = ctx.sessions().issueRefresh(user.id(), appName);
        String host = ctx.instanceUrl().replaceFirst("^https?://", "");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refreshToken", g.refreshToken());
        m.put("sfdxAuthUrl", "force://PlatformCLI::" + g.refreshToken() + "@" + host);
        return Response.json(200, m);
    }

    /**
     * {@code {"username", "password"}}: sets the user's password and answers a new security token
     * ({@code {"username", "securityToken"}}), standing for Setup's password reset and the security token e-mail,
     * which have no public API. For the SOAP {@code login} call (simple-salesforce, WSC); a secret, tests only.
     */
    private Response loginCredentials(Request req) {
        JsonNode body = req.json();
        String username = body.path("username").asText(null);
        Record user = username == null ? null : ctx.org().db().findOne("User", "Username", username);
        if (user == null || !body.path("password").isTextual()) {
            throw new OrgException(
                    "INVALID_INPUT", "Body must be {\"username\": \"<an existing username>\", \"password\": \"...\"}");
        }
        String token = dev.warden.localorg.misc.UserPasswords.resetForLogin(
                ctx.org(), user.id(), body.get("password").asText());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("securityToken", token);
        return Response.json(200, m);
    }
}
