package dev.warden.localorg.misc;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.rest.RestApi;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints sf users hit outside the data API proper: record counts ({@code sf org list sobject record-counts}), the
 * single-access frontdoor ({@code sf org open --url-only}) and debug log bodies ({@code sf apex get log}).
 */
public final class MiscApi {
    private static final String V = "/services/data/v(\\d{2}\\.\\d)";
    /** Frontdoor one-time tokens live this long (UNCONFIRMED: Salesforce's single-access URLs are short-lived). */
    static final Duration OTP_LIFETIME = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final LocalOrgContext ctx;
    private final Map<String, Otp> otps = new ConcurrentHashMap<>();

    private record Otp(String userId, String startUrl, Instant expires) {}

    private MiscApi(LocalOrgContext ctx) {
        this.ctx = ctx;
    }

    public static void register(LocalOrgContext ctx) {
        MiscApi api = new MiscApi(ctx);
        ctx.routes().add("GET", V + "/limits/recordCount/?", ApiKind.REST, true, api::recordCounts);
        ctx.routes()
                .add(
                        "GET",
                        V + "/tooling/sobjects/ApexLog/(\\w{15}|\\w{18})/Body/?",
                        ApiKind.REST,
                        true,
                        api::apexLogBody);
        ctx.routes().add("GET", "/services/oauth2/singleaccess/?", ApiKind.OAUTH, true, api::singleAccess);
        ctx.routes().add("POST", "/services/oauth2/singleaccess/?", ApiKind.OAUTH, true, api::singleAccess);
        // OAUTH kind: the one-time token in the query string is never written to the request log.
        ctx.routes().add("GET", "/secur/frontdoor\\.jsp", ApiKind.OAUTH, false, api::frontdoor);
        ctx.routes().add("GET", "/(?:lightning(?:/.*)?|home/home\\.jsp)", ApiKind.OTHER, false, api::ui);
    }

    /** {@code /limits/recordCount?sObjects=A,B}: live rows per type; without the parameter every type with rows. */
    private Response recordCounts(Request req) {
        version(req);
        Access access = Access.ofUser(req.org().db(), req.session().userId());
        String filter = req.param("sObjects");
        List<String> wanted = filter == null || filter.isBlank() ? null : Arrays.asList(filter.split(","));
        List<Object> out = new ArrayList<>();
        for (SObjectType t : req.org().schema().all()) {
            if (!t.capabilities().queryable() || t.kind() == ObjectKind.PLATFORM_EVENT || !visible(access, t)) {
                continue;
            }
            if (wanted != null && wanted.stream().noneMatch(w -> w.trim().equalsIgnoreCase(t.name()))) {
                continue;
            }
            int count = req.org().db().rows(t.name(), false).size();
            if (wanted == null && count == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("name", t.name());
            out.add(m);
        }
        return Response.json(200, Map.of("sObjects", out));
    }

    private static boolean visible(Access access, SObjectType t) {
        return t.kind() != ObjectKind.CUSTOM_OBJECT && t.kind() != ObjectKind.CUSTOM_SETTING
                || access.object(t.name()).read();
    }

    private Response apexLogBody(Request req) {
        version(req);
        String id = Ids.canonical(req.pathGroup(2));
        String body = ApexLogs.body(req.org(), id);
        if (body == null) {
            throw OrgException.notFound();
        }
        return Response.text(200, "text/plain;charset=UTF-8", body);
    }

    /**
     * The UI Bridge single-access URL: a one-time, short-lived frontdoor link for the session's user (the access
     * token never appears in it).
     */
    private Response singleAccess(Request req) {
        String redirect = req.param("redirect_uri");
        String otp = token(32);
        Instant now = Instant.now();
        otps.values().removeIf(o -> o.expires().isBefore(now));
        otps.put(otp, new Otp(req.session().userId(), redirect, now.plus(OTP_LIFETIME)));
        String uri = ctx.instanceUrl() + "/secur/frontdoor.jsp?otp=" + otp
                + (redirect == null ? "" : "&startURL=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        return Response.json(200, Map.of("frontdoor_uri", uri));
    }

    /**
     * Opens a browser session: a valid one-time {@code otp} (or a session id in {@code sid}, the classic frontdoor
     * form) gets a session cookie and a redirect to the start URL. The local org has no Lightning UI, so the start
     * page says so.
     */
    private Response frontdoor(Request req) {
        String userId = null;
        String startUrl = req.param("startURL");
        String otp = req.param("otp");
        if (otp != null) {
            Otp o = otps.remove(otp);
            if (o != null && o.expires().isAfter(Instant.now())) {
                userId = o.userId();
                startUrl = startUrl != null ? startUrl : o.startUrl();
            }
        } else if (req.param("sid") != null) {
            Session s = ctx.validSession(req.param("sid"), req.clientIp());
            userId = s == null ? null : s.userId();
        }
        if (userId == null) {
            // Salesforce sends the browser to its login page; the local org has none, so it says why instead.
            return Response.text(
                    401,
                    "text/plain;charset=UTF-8",
                    "The frontdoor link is invalid, expired or was"
                            + " already used (links are single-use and live " + OTP_LIFETIME.toSeconds() + " s): run"
                            + " sf org open again.\n");
        }
        String sid = req.org().orgId().substring(0, 15) + "!" + token(48);
        ctx.sessions().register(sid, userId, req.clientIp());
        String target = startUrl == null || !startUrl.startsWith("/") ? "/lightning/page/home" : startUrl;
        return Response.empty(302)
                .withHeader("Location", ctx.instanceUrl() + target)
                .withHeader("Set-Cookie", "sid=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private Response ui(Request req) {
        String sid = cookie(req.header("Cookie"), "sid");
        Session s = sid == null ? null : ctx.validSession(sid, req.clientIp());
        if (s == null) {
            return Response.text(401, "text/plain;charset=UTF-8", "Not signed in: open the org with sf org open.\n");
        }
        String user = req.org().db().retrieve(s.userId()).getString("Username");
        String page = "<!doctype html><title>Warden local org</title><h1>Warden local org</h1><p>Signed in as "
                + html(user) + ". The local org serves the Salesforce APIs (REST, SOAP, Bulk, Metadata, Tooling) but"
                + " has no Lightning UI; " + html(req.path()) + " is not available here.</p>";
        return Response.text(200, "text/html;charset=UTF-8", page);
    }

    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void version(Request req) {
        double d = Double.parseDouble(req.pathGroup(1));
        if (d < 20 || d > RestApi.MAX_VERSION) {
            throw OrgException.notFound();
        }
    }
}
