package dev.warden.localorg.devhub;

import static dev.warden.localorg.devhub.DevHubObjects.ACTIVE_SCRATCH_ORG;
import static dev.warden.localorg.devhub.DevHubObjects.SCRATCH_ORG_INFO;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.HostedOrg;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.SoapFaults;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Dev Hub's side of scratch orgs. A ScratchOrgInfo insert creates the org at once — a whole local org of its
 * own on its own port in this process ({@link HostedOrg}) — so sf's first poll already reads {@code Active}, then
 * records an ActiveScratchOrg. Deleting the ActiveScratchOrg (or the ScratchOrgInfo) deletes the org and moves the
 * ScratchOrgInfo to {@code Deleted}. An org past its expiration date refuses every call and its ScratchOrgInfo
 * reads {@code Deleted} (what sf's org list reports as expired).
 */
final class ScratchOrgs {
    static final String PLATFORM_CLI = "PlatformCLI";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalOrgServer hub;
    /** Hosted orgs by their ScratchOrgInfo id. */
    private final Map<String, LocalOrgServer> hosted = new ConcurrentHashMap<>();

    ScratchOrgs(LocalOrgServer hub) {
        this.hub = hub;
    }

    // ------------------------------------------------------------------ ScratchOrgInfo insert

    Response create(Request req) {
        ScratchOrgSpec spec = ScratchOrgSpec.parse(req.json());
        Org hubOrg = req.org();
        OrgDatabase db = hubOrg.db();
        String caller = req.session().userId();
        String username = spec.username() != null ? spec.username() : generatedUsername();
        if (usernameTaken(username)) {
            throw new OrgException(
                    "DUPLICATE_USERNAME",
                    "Duplicate Username.<br>The username already exists in this or"
                            + " another Salesforce organization. Usernames must be unique in all Salesforce organizations. To"
                            + " reuse a username, you must first change the existing username in the other organization.",
                    List.of("Username"));
        }
        Map<String, Object> values = new LinkedHashMap<>(spec.values());
        values.put("Status", "New");
        String infoId = db.insert(Caller.system(caller), SCRATCH_ORG_INFO, values);
        String error = signupError(hubOrg, spec);
        if (error != null) {
            db.update(Caller.system(caller), infoId, Map.of("Status", "Error", "ErrorCode", error));
        } else {
            signUp(hubOrg, infoId, spec, username, caller);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", infoId);
        body.put("success", true);
        body.put("errors", List.of());
        return Response.json(201, body);
    }

    /** Signup checks that end the request in {@code Error} with the platform's code (sf maps it to its message). */
    private static String signupError(Org hubOrg, ScratchOrgSpec spec) {
        if (spec.namespace() != null) {
            // The local hub links no namespace registry yet: every namespace is one "not used by a release org".
            return "S-1017";
        }
        if (!PLATFORM_CLI.equals(spec.consumerKey()) && hubApp(hubOrg, spec.consumerKey()) == null) {
            return "C-1016";
        }
        return null;
    }

    private void signUp(Org hubOrg, String infoId, ScratchOrgSpec spec, String username, String caller) {
        OrgDatabase db = hubOrg.db();
        Instant expires = db.clock().instant().plus(spec.durationDays(), ChronoUnit.DAYS);
        boolean https = hub.instanceUrl().startsWith("https");
        LocalOrgServer org = LocalOrgServer.startHosted(
                new LocalOrgOptions(0, https, null, null), new HostedOrg(username, hubOrg.orgId()));
        ExternalClientApp app = PLATFORM_CLI.equals(spec.consumerKey()) ? null : hubApp(hubOrg, spec.consumerKey());
        org.onOrgCreated(o -> ScratchOrgShape.apply(o, spec, expires, app));
        org.gate(request -> refusalWhenExpired(org, request));
        hosted.put(infoId, org);
        String code = org.sessions()
                .issueAuthCode(org.org().adminUserId(), spec.consumerKey(), spec.callbackUrl())
                .code();
        LocalDate expirationDate = LocalDate.ofInstant(expires, ZoneOffset.UTC);
        Map<String, Object> active = new LinkedHashMap<>();
        active.put("Status", "Active");
        active.put("SignupUsername", username);
        active.put("SignupEmail", spec.adminEmail() != null ? spec.adminEmail() : username);
        active.put("LoginUrl", org.instanceUrl());
        // Null on purpose: a SignupInstance not ending in "s" sends sf to https://<it>.salesforce.com first.
        active.put("SignupInstance", null);
        active.put("AuthCode", code);
        active.put("ScratchOrg", org.orgId().substring(0, 15));
        active.put("ExpirationDate", expirationDate);
        db.update(Caller.system(caller), infoId, active);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Name", org.orgId().substring(0, 15));
        row.put("SignupUsername", username);
        row.put("ScratchOrg", org.orgId().substring(0, 15));
        row.put("ScratchOrgInfoId", infoId);
        row.put("Edition", spec.edition());
        row.put("OrgName", spec.orgName());
        row.put("ExpirationDate", expirationDate);
        row.put("Description", spec.values().get("Description"));
        db.insert(Caller.system(caller), ACTIVE_SCRATCH_ORG, row);
    }

    /** The hub app a JWT-authorized hub names as ConnectedAppConsumerKey; it must carry a certificate. */
    private static ExternalClientApp hubApp(Org hubOrg, String consumerKey) {
        return hubOrg.metadata()
                .ecaByConsumerKey(consumerKey)
                .filter(a -> a.global() != null && a.global().certificatePem() != null)
                .orElse(null);
    }

    // ------------------------------------------------------------------ deletion and expiry

    /** {@code DELETE sobjects/ActiveScratchOrg/{id}}: the org goes, its ScratchOrgInfo reads Deleted. */
    Response deleteActive(Request req) {
        Org hubOrg = req.org();
        Record row = live(hubOrg, req.pathGroup(2), ACTIVE_SCRATCH_ORG);
        String infoId = row.getString("ScratchOrgInfoId");
        hubOrg.db().delete(Caller.system(req.session().userId()), row.id());
        retire(hubOrg, infoId, req.session().userId());
        return Response.empty(204);
    }

    /** {@code DELETE sobjects/ScratchOrgInfo/{id}}: deletes the org as well (and its ActiveScratchOrg). */
    Response deleteInfo(Request req) {
        Org hubOrg = req.org();
        Record info = live(hubOrg, req.pathGroup(2), SCRATCH_ORG_INFO);
        Record row = hubOrg.db().findOne(ACTIVE_SCRATCH_ORG, "ScratchOrgInfoId", info.id());
        if (row != null) {
            hubOrg.db().delete(Caller.system(req.session().userId()), row.id());
        }
        stop(info.id());
        hubOrg.db().delete(Caller.system(req.session().userId()), info.id());
        return Response.empty(204);
    }

    private void retire(Org hubOrg, String infoId, String actor) {
        stop(infoId);
        if (hubOrg.db().live(infoId) != null) {
            hubOrg.db().update(Caller.system(actor), infoId, Map.of("Status", "Deleted"));
        }
    }

    private void stop(String infoId) {
        LocalOrgServer org = hosted.remove(infoId);
        if (org != null) {
            org.close();
        }
    }

    /**
     * Marks scratch orgs past their expiration date as the platform does when it deletes them: the ActiveScratchOrg
     * row goes and the ScratchOrgInfo reads Deleted. The org itself keeps answering, with refusals, so sf shows the
     * platform's words instead of "connection refused".
     */
    void sweepExpired(Org hubOrg) {
        for (Map.Entry<String, LocalOrgServer> e : hosted.entrySet()) {
            if (!expired(e.getValue().org())) {
                continue;
            }
            Record info = hubOrg.db().live(e.getKey());
            if (info == null || "Deleted".equals(info.get("Status"))) {
                continue;
            }
            Record row = hubOrg.db().findOne(ACTIVE_SCRATCH_ORG, "ScratchOrgInfoId", e.getKey());
            if (row != null) {
                hubOrg.db().delete(hubOrg.system(), row.id());
            }
            hubOrg.db().update(hubOrg.system(), e.getKey(), Map.of("Status", "Deleted"));
        }
    }

    /**
     * What an expired scratch org answers. The platform deletes the org; its instance then serves an HTML "Data Not
     * Available" page (forcedotcom/cli#2195), which sf's refresh recognises and reports as "The org identified by
     * username … does not appear to exist. Likely cause is that the org was deleted by another user or has expired."
     * (@salesforce/core orgDataNotAvailableError). API calls end the session (INVALID_SESSION_ID, so sf refreshes
     * and meets that page). The page's HTTP status is UNCONFIRMED; sf needs ≥ 400 to read it as an error.
     */
    private static Response refusalWhenExpired(LocalOrgServer org, Request req) {
        if (!expired(org.org())) {
            return null;
        }
        if (req.path().startsWith("/services/Soap/")) {
            return SoapFaults.fault(
                    500,
                    "INVALID_SESSION_ID",
                    "Invalid Session ID found in SessionHeader: Illegal" + " Session. Session expired or invalid");
        }
        if (req.path().startsWith("/services/data/") && !req.path().matches("/services/data/?")) {
            return Response.sfError(401, "INVALID_SESSION_ID", "Session expired or invalid", null);
        }
        return Response.text(404, "text/html;charset=UTF-8", DATA_NOT_AVAILABLE);
    }

    private static final String DATA_NOT_AVAILABLE = "<html><body>\n"
            + "<div style=\"display:none;\" id=\"errorTitle\">Data Not Available</div>\n"
            + "<div style=\"display:none;\" id=\"errorDesc\">The data you were trying to access could not be found."
            + " It may be due to another user deleting the data or a system error.</div>\n</body></html>\n";

    static boolean expired(Org org) {
        Record organization = org.db().live(org.orgId());
        Object expiry = organization == null ? null : organization.get("TrialExpirationDate");
        return expiry instanceof Instant at && !at.isAfter(org.db().clock().instant());
    }

    // ------------------------------------------------------------------ /_local/devhub (admin)

    /** {@code POST /_local/devhub/expire {"username"}}: the scratch org's expiration date becomes now (for tests). */
    Response expireNow(Request req) {
        String username = req.json().path("username").asText("");
        LocalOrgServer org = hosted.values().stream()
                .filter(o -> o.adminUsername().equalsIgnoreCase(username))
                .findFirst()
                .orElseThrow(() ->
                        new OrgException("NOT_FOUND", "no scratch org with username " + username + " on this Dev Hub"));
        ScratchOrgShape.expireNow(org.org());
        sweepExpired(req.org());
        return Response.empty(204);
    }

    /** {@code GET /_local/devhub/orgs}: the hosted orgs (no secrets). */
    Response list(Request req) {
        List<Map<String, Object>> out = new ArrayList<>();
        hosted.forEach((infoId, org) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scratchOrgInfoId", infoId);
            m.put("username", org.adminUsername());
            m.put("orgId", org.orgId());
            m.put("instanceUrl", org.instanceUrl());
            m.put("expired", expired(org.org()));
            out.add(m);
        });
        return Response.json(200, Map.of("orgs", out));
    }

    List<LocalOrgServer> servers() {
        return List.copyOf(hosted.values());
    }

    void closeAll() {
        for (String id : List.copyOf(hosted.keySet())) {
            stop(id);
        }
    }

    private boolean usernameTaken(String username) {
        if (hub.org().db().findOne("User", "Username", username) != null) {
            return true;
        }
        return hosted.values().stream().anyMatch(o -> o.adminUsername().equalsIgnoreCase(username));
    }

    private static Record live(Org hubOrg, String id, String objectName) {
        Record r = id == null ? null : hubOrg.db().live(id);
        if (r == null || !r.objectName().equals(objectName)) {
            throw new OrgException("ENTITY_IS_DELETED", "entity is deleted", List.of(), 404);
        }
        return r;
    }

    /** {@code test-<12 lower-case letters and digits>@example.com}, the shape the platform generates. */
    private static String generatedUsername() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("test-");
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.append("@example.com").toString();
    }
}
