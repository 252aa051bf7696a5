package dev.warden.localorg.devhub.sandbox;

import static dev.warden.localorg.devhub.sandbox.SandboxObjects.SANDBOX_INFO;
import static dev.warden.localorg.devhub.sandbox.SandboxObjects.SANDBOX_PROCESS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.HostedOrg;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A production org's sandboxes (devhub-packaging-wire.md 4, 5). A SandboxInfo insert creates the sandbox — a whole
 * local org of its own on its own port in this process ({@link HostedOrg}), its Organization saying sandbox
 * ({@code IsSandbox} without a {@code TrialExpirationDate}) — and copies production into it ({@link SandboxCopy}).
 * Its SandboxProcess then moves one step each time it is queried: Pending at the insert, Processing (half copied) at
 * the first query, Completed with an EndDate at the next, so sf's poll loop is exercised and ends on its own
 * (sf queries once after the insert and polls again at once, so no poll interval is waited). sandboxAuth answers
 * INVALID_STATUS until Completed. Deleting the SandboxInfo stops the org (its logins fail) and deletes the info and
 * its process rows, so later queries no longer find it.
 */
final class Sandboxes {
    static final String PLATFORM_CLI = "PlatformCLI";
    private final LocalOrgServer production;
    /** Hosted sandboxes by SandboxInfo id. */
    private final Map<String, LocalOrgServer> hosted = new ConcurrentHashMap<>();

    Sandboxes(LocalOrgServer production) {
        this.production = production;
    }

    // ------------------------------------------------------------------ SandboxInfo insert

    synchronized Response create(Request req) {
        JsonNode body = req.json();
        Org prod = req.org();
        SandboxRules.checkEdition(prod.db().live(prod.orgId()).get("OrganizationType"));
        String name = text(body, "SandboxName");
        SandboxRules.checkName(name);
        String licenseType = SandboxRules.licenseType(text(body, "LicenseType"));
        SandboxRules.checkSupported(body);
        for (Record info : prod.db().rows(SANDBOX_INFO, false)) {
            if (name.equalsIgnoreCase(info.getString("SandboxName"))) {
                throw SandboxRules.duplicateName(name);
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("SandboxName", name);
        info.put("LicenseType", licenseType);
        info.put("Description", text(body, "Description"));
        info.put("Features", text(body, "Features"));
        info.put("PostCopyConfig", text(body, "PostCopyConfig"));
        info.put(
                "HistoryDays",
                body.path("HistoryDays").isInt() ? body.path("HistoryDays").asInt() : null);
        info.put("CopyChatter", body.path("CopyChatter").asBoolean(false));
        info.put("AutoActivate", body.path("AutoActivate").asBoolean(false));
        String infoId = prod.db().insert(prod.system(), SANDBOX_INFO, info);
        sourceTrackingSettings(prod);

        String username = prod.ids().adminUsername() + "." + name.toLowerCase(Locale.ROOT);
        boolean https = production.instanceUrl().startsWith("https");
        LocalOrgServer sandbox = LocalOrgServer.startHosted(
                new LocalOrgOptions(0, https, null, null), new HostedOrg(username, prod.orgId()));
        Object prodType = prod.db().live(prod.orgId()).get("OrganizationType");
        sandbox.onOrgCreated(o -> shape(o, name, prodType));
        try {
            SandboxCopy.copy(prod, sandbox.org(), name);
        } catch (RuntimeException e) {
            sandbox.close();
            prod.db().delete(prod.system(), infoId);
            throw e instanceof OrgException oe
                    ? oe
                    : new OrgException("UNKNOWN_EXCEPTION", "not supported by the local org: " + e.getMessage());
        }
        hosted.put(infoId, sandbox);

        Map<String, Object> process = new LinkedHashMap<>();
        process.put("Status", "Pending");
        process.put("SandboxName", name);
        process.put("SandboxInfoId", infoId);
        process.put("LicenseType", licenseType);
        process.put("CopyProgress", 0);
        process.put("Description", text(body, "Description"));
        process.put("Features", text(body, "Features"));
        prod.db().insert(prod.system(), SANDBOX_PROCESS, process);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", infoId);
        answer.put("success", true);
        answer.put("errors", List.of());
        return Response.json(201, answer);
    }

    /**
     * The one SourceTrackingSettings row sf reads after a create (false: the platform's default, UNCONFIRMED). Written
     * with the first sandbox, not at start, so the state file of an org that never made one stays loadable (a state
     * file holding sandbox rows does not load: hosted orgs are not saved, docs/local-org.md "Sandboxes").
     */
    private static void sourceTrackingSettings(Org prod) {
        if (prod.db().rows(SandboxObjects.SOURCE_TRACKING_SETTINGS, false).isEmpty()) {
            prod.db()
                    .insert(
                            prod.system(),
                            SandboxObjects.SOURCE_TRACKING_SETTINGS,
                            Map.of("IsSourceTrackingSandboxesEnabled", false));
        }
    }

    /** Organization says sandbox: IsSandbox true, no TrialExpirationDate (wire reference 0.4). */
    private static void shape(Org org, String name, Object organizationType) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("IsSandbox", true);
        organization.put("TrialExpirationDate", null);
        if (organizationType != null) {
            organization.put("OrganizationType", organizationType);
        }
        org.db().update(org.system(), org.orgId(), organization);
    }

    // ------------------------------------------------------------------ progress

    /** One step for every live process that is not Completed yet (called before each SandboxProcess query). */
    void advance(Org prod) {
        for (Record p : prod.db().rows(SANDBOX_PROCESS, false)) {
            String status = p.getString("Status");
            Map<String, Object> next = new LinkedHashMap<>();
            if ("Pending".equals(status)) {
                next.put("Status", "Processing");
                next.put("CopyProgress", 50);
            } else if ("Processing".equals(status)) {
                LocalOrgServer sandbox = hosted.get(p.getString("SandboxInfoId"));
                if (sandbox == null) {
                    continue;
                }
                next.put("Status", "Completed");
                next.put("CopyProgress", 100);
                next.put("SandboxOrganization", sandbox.orgId().substring(0, 15));
                next.put("EndDate", prod.db().clock().instant());
            } else {
                continue;
            }
            prod.db().update(prod.system(), p.id(), next);
        }
    }

    // ------------------------------------------------------------------ sandboxAuth

    /**
     * {@code POST tooling/sandboxAuth {clientId?, sandboxName, callbackUrl}}: a one-time code for the sandbox's admin
     * (the copy of the production user who asks), for the client and callback given. INVALID_STATUS while the copy is
     * not complete, as sf expects (it keeps polling). The message words are UNCONFIRMED.
     */
    Response auth(Request req) {
        JsonNode body = req.json();
        Org prod = req.org();
        String name = text(body, "sandboxName");
        Record process = name == null ? null : liveProcess(prod, name);
        if (process == null) {
            // UNCONFIRMED: the platform's code and words for an unknown sandbox name here.
            throw new OrgException("INVALID_INPUT", "Invalid sandbox name: " + name);
        }
        LocalOrgServer sandbox = hosted.get(process.getString("SandboxInfoId"));
        if (!"Completed".equals(process.getString("Status")) || sandbox == null) {
            throw new OrgException(
                    "INVALID_STATUS",
                    "The sandbox " + name + " is not ready yet (status " + process.getString("Status") + ")");
        }
        String clientId = text(body, "clientId") != null ? text(body, "clientId") : PLATFORM_CLI;
        String code = sandbox.sessions()
                .issueAuthCode(sandbox.org().adminUserId(), clientId, text(body, "callbackUrl"))
                .code();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("authUserName", sandbox.adminUsername());
        answer.put("authCode", code);
        answer.put("instanceUrl", sandbox.instanceUrl());
        answer.put("loginUrl", sandbox.instanceUrl());
        return Response.json(200, answer);
    }

    private static Record liveProcess(Org prod, String name) {
        for (Record p : prod.db().rows(SANDBOX_PROCESS, false)) {
            if (name.equalsIgnoreCase(p.getString("SandboxName"))) {
                return p;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ delete

    /** {@code DELETE tooling/sobjects/SandboxInfo/{id}}: the sandbox org stops; its info and process rows go. */
    Response delete(Request req) {
        Org prod = req.org();
        String id = req.pathGroup(2);
        Record info = id == null ? null : prod.db().live(id);
        if (info == null || !SANDBOX_INFO.equals(info.objectName())) {
            throw new OrgException("ENTITY_IS_DELETED", "entity is deleted", List.of(), 404);
        }
        LocalOrgServer sandbox = hosted.remove(info.id());
        if (sandbox != null) {
            sandbox.close();
        }
        for (Record p : prod.db().findBy(SANDBOX_PROCESS, "SandboxInfoId", info.id())) {
            prod.db().delete(prod.system(), p.id());
        }
        prod.db().delete(prod.system(), info.id());
        return Response.empty(204);
    }

    // ------------------------------------------------------------------ hosting

    List<LocalOrgServer> servers() {
        return List.copyOf(hosted.values());
    }

    void closeAll() {
        for (String id : new ArrayList<>(hosted.keySet())) {
            LocalOrgServer s = hosted.remove(id);
            if (s != null) {
                s.close();
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
