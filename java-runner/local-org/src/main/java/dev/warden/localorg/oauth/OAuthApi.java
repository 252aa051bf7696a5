package dev.warden.localorg.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Session;
import dev.warden.localorg.server.Sessions;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 2.0 endpoints: token (JWT bearer, refresh token), userinfo, identity URL, revoke. Every token grant writes
 * LoginHistory, successful or not.
 */
public final class OAuthApi {
    static final List<String> LOGIN_AUDIENCES = List.of("https://login.salesforce.com", "https://test.salesforce.com");
    private final LocalOrgContext ctx;
    private final byte[] signingKey = new byte[32];

    private OAuthApi(LocalOrgContext ctx) {
        this.ctx = ctx;
        new java.security.SecureRandom().nextBytes(signingKey);
    }

    public static void register(LocalOrgContext ctx) {
        OAuthApi api = new OAuthApi(ctx);
        ctx.routes().add("POST", "/services/oauth2/token/?", ApiKind.OAUTH, false, api::token);
        ctx.routes().add("GET", "/services/oauth2/userinfo/?", ApiKind.OAUTH, false, api::userinfo);
        ctx.routes().add("POST", "/services/oauth2/userinfo/?", ApiKind.OAUTH, false, api::userinfo);
        ctx.routes().add("GET", "/id/(\\w+)/(\\w+)/?", ApiKind.OAUTH, false, api::identity);
        ctx.routes().add("POST", "/services/oauth2/revoke/?", ApiKind.OAUTH, false, api::revoke);
        ctx.routes().add("GET", "/services/oauth2/revoke/?", ApiKind.OAUTH, false, api::revoke);
    }

    private Response token(Request req) {
        Map<String, String> form = form(req);
        String grant = form.getOrDefault("grant_type", "");
        Org org = req.org();
        try {
            return switch (grant) {
                case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> jwtBearer(req, org, form.get("assertion"));
                case "refresh_token" -> refresh(req, org, form.get("refresh_token"));
                case "authorization_code" -> authorizationCode(req, org, form);
                case "" -> throw new OAuthError("invalid_request", "grant type not supported", null);
                default -> throw new OAuthError("unsupported_grant_type", "grant type not supported", null);
            };
        } catch (OAuthError e) {
            org.logins()
                    .record(
                            org.adminUserId(),
                            e.userId,
                            req.clientIp(),
                            "Remote Access 2.0",
                            "Failed: " + e.getMessage(),
                            null,
                            "N/A",
                            ctx.instanceUrl());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.error);
            body.put("error_description", e.getMessage());
            return Response.json(e.status, body);
        }
    }

    private Response jwtBearer(Request req, Org org, String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw new OAuthError("invalid_request", "assertion is required", null);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OAuthError("invalid_grant", "invalid assertion", null);
        }
        ExternalClientApp app = org.metadata()
                .ecaByConsumerKey(claims.getIssuer())
                .orElseThrow(() -> new OAuthError("invalid_client_id", "client identifier invalid", null));
        Record user = claims.getSubject() == null ? null : org.db().findOne("User", "Username", claims.getSubject());
        String userId = user == null ? null : user.id();
        if (app.global() == null || app.global().certificatePem() == null) {
            throw new OAuthError(
                    "invalid_client",
                    "JWT bearer flow is not enabled for this app: its global OAuth" + " settings carry no certificate",
                    userId);
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                || !verifies(jwt, app.global().certificatePem())) {
            throw new OAuthError("invalid_grant", "invalid assertion", userId);
        }
        if (!audienceValid(claims.getAudience())) {
            throw new OAuthError("invalid_grant", "audience is invalid", userId);
        }
        if (claims.getExpirationTime() == null) {
            throw new OAuthError("invalid_grant", "expired authorization code", userId);
        }
        long exp = claims.getExpirationTime().getTime() / 1000;
        long expSeconds = exp > 100_000_000_000L ? exp / 1000 : exp; // sf sends milliseconds (sf-cli-wire.md)
        if (expSeconds < org.db().clock().instant().getEpochSecond()) {
            throw new OAuthError("invalid_grant", "expired authorization code", userId);
        }
        if (user == null) {
            throw new OAuthError("invalid_grant", LoginPolicy.NOT_APPROVED, null);
        }
        LoginPolicy.checkUser(user);
        LoginPolicy.checkApp(org, app, user, true);
        LoginPolicy.checkIp(org, app, user, req.clientIp(), false);
        return success(req, org, user, app, false);
    }

    private Response refresh(Request req, Org org, String refreshToken) {
        Sessions.RefreshGrant g = ctx.sessions().refreshGrant(refreshToken);
        if (g == null) {
            throw new OAuthError("invalid_grant", "expired access/refresh token", null);
        }
        Record user = org.db().live(g.userId());
        if (user == null) {
            throw new OAuthError("invalid_grant", "expired access/refresh token", g.userId());
        }
        LoginPolicy.checkUser(user);
        ExternalClientApp app = g.appName() == null
                ? null
                : org.metadata()
                        .eca(g.appName())
                        .orElseThrow(() -> new OAuthError("invalid_grant", "expired access/refresh token", g.userId()));
        if (app != null) {
            LoginPolicy.checkApp(org, app, user, false);
        }
        LoginPolicy.checkIp(org, app, user, req.clientIp(), true);
        return success(req, org, user, app, true);
    }

    /**
     * Web-server flow's code exchange, for the one-time codes a Dev Hub issues with a scratch org
     * (ScratchOrgInfo.AuthCode): client_id and redirect_uri must be the ones the code was issued for. Answers with a
     * refresh token, which sf stores to refresh the scratch org's session later (devhub-packaging-wire.md 1.5a).
     */
    private Response authorizationCode(Request req, Org org, Map<String, String> form) {
        Sessions.AuthCode code = ctx.sessions().redeemAuthCode(form.get("code"));
        if (code == null) {
            throw new OAuthError("invalid_grant", "invalid authorization code", null);
        }
        if (!code.clientId().equals(form.get("client_id"))) {
            throw new OAuthError("invalid_client_id", "client identifier invalid", code.userId());
        }
        if (code.redirectUri() != null && !code.redirectUri().equals(form.get("redirect_uri"))) {
            throw new OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration", code.userId());
        }
        Record user = org.db().live(code.userId());
        if (user == null) {
            throw new OAuthError("invalid_grant", "invalid authorization code", code.userId());
        }
        LoginPolicy.checkUser(user);
        return success(
                req,
                org,
                user,
                null,
                false,
                ctx.sessions().issueRefresh(user.id(), null).refreshToken());
    }

    private Response success(Request req, Org org, Record user, ExternalClientApp app, boolean refreshGrant) {
        return success(req, org, user, app, refreshGrant, null);
    }

    private Response success(
            Request req, Org org, Record user, ExternalClientApp app, boolean refreshGrant, String refreshToken) {
        String appName = app == null ? null : app.name();
        Session s = ctx.sessions().issue(org.orgId(), user.id(), appName, req.clientIp());
        org.db()
                .update(
                        Caller.system(user.id()),
                        user.id(),
                        Map.of("LastLoginDate", org.db().clock().instant()));
        org.logins()
                .record(
                        user.id(),
                        user.id(),
                        req.clientIp(),
                        "Remote Access 2.0",
                        "Success",
                        app == null ? "Salesforce CLI" : app.label(),
                        "N/A",
                        ctx.instanceUrl());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", s.token());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("instance_url", ctx.instanceUrl());
        body.put("id", ctx.instanceUrl() + "/id/" + org.orgId() + "/" + user.id());
        body.put("token_type", "Bearer");
        body.put("scope", scopes(app));
        body.put("issued_at", Long.toString(s.issuedAt().toEpochMilli()));
        body.put("signature", signature(body.get("id") + body.get("issued_at").toString()));
        return Response.json(200, body);
    }

    /** HMAC-SHA256 of id + issued_at, as the platform signs it; keyed with a secret made at start (never shown). */
    private String signature(String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scopes(ExternalClientApp app) {
        if (app == null || app.oauth() == null || app.oauth().scopes().isEmpty()) {
            return "api web refresh_token";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : app.oauth().scopes()) {
            String scope = switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "refreshtoken", "offlineaccess" -> "refresh_token";
                case "fullaccess", "full" -> "full";
                default -> s.trim().toLowerCase(Locale.ROOT);
            };
            if (sb.indexOf(scope) < 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(scope);
            }
        }
        return sb.toString();
    }

    private boolean audienceValid(List<String> audiences) {
        String instance = ctx.instanceUrl();
        for (String a : audiences) {
            String aud = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
            if (aud.equals(instance)
                    || aud.equals(instance.replace("127.0.0.1", "localhost"))
                    || LOGIN_AUDIENCES.contains(aud)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(SignedJWT jwt, String certificatePem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(certificatePem.trim().getBytes(StandardCharsets.US_ASCII)));
            return cert.getPublicKey() instanceof RSAPublicKey key && jwt.verify(new RSASSAVerifier(key));
        } catch (CertificateException | JOSEException e) {
            return false;
        }
    }

    private Response userinfo(Request req) {
        Session s = session(req);
        if (s == null) {
            return Response.text(403, "text/plain;charset=UTF-8", "Bad_OAuth_Token");
        }
        return Response.json(200, identityBody(req.org(), s.userId(), true));
    }

    private Response identity(Request req) {
        Session s = session(req);
        if (s == null) {
            return Response.text(403, "text/plain;charset=UTF-8", "Bad_OAuth_Token");
        }
        String orgInPath = req.pathGroup(1);
        String userInPath = req.pathGroup(2);
        if (orgInPath.length() < 15
                || userInPath.length() < 15
                || !req.org().orgId().startsWith(orgInPath.substring(0, 15))
                || !s.userId().startsWith(userInPath.substring(0, 15))) {
            return Response.text(403, "text/plain;charset=UTF-8", "Bad_Id");
        }
        return Response.json(200, identityBody(req.org(), s.userId(), false));
    }

    private Map<String, Object> identityBody(Org org, String userId, boolean userinfo) {
        Record user = org.db().retrieve(userId);
        String idUrl = ctx.instanceUrl() + "/id/" + org.orgId() + "/" + userId;
        Map<String, Object> m = new LinkedHashMap<>();
        if (userinfo) {
            m.put("sub", idUrl);
            m.put("user_id", userId);
            m.put("organization_id", org.orgId());
            m.put("preferred_username", user.getString("Username"));
            m.put("nickname", user.getString("Alias"));
            m.put("name", user.getString("Name"));
            m.put("email", user.getString("Email"));
            m.put("email_verified", true);
            m.put("given_name", user.getString("FirstName"));
            m.put("family_name", user.getString("LastName"));
            m.put("zoneinfo", user.getString("TimeZoneSidKey"));
            m.put("active", user.is("IsActive"));
            m.put("user_type", "STANDARD");
            m.put("language", user.getString("LanguageLocaleKey"));
            m.put("locale", user.getString("LocaleSidKey"));
            m.put("is_app_installed", true);
        } else {
            m.put("id", idUrl);
            m.put("asserted_user", true);
            m.put("user_id", userId);
            m.put("organization_id", org.orgId());
            m.put("username", user.getString("Username"));
            m.put("nick_name", user.getString("Alias"));
            m.put("display_name", user.getString("Name"));
            m.put("email", user.getString("Email"));
            m.put("first_name", user.getString("FirstName"));
            m.put("last_name", user.getString("LastName"));
            m.put("active", user.is("IsActive"));
            m.put("user_type", "STANDARD");
            m.put("language", user.getString("LanguageLocaleKey"));
            m.put("locale", user.getString("LocaleSidKey"));
        }
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("rest", ctx.instanceUrl() + "/services/data/v{version}/");
        urls.put("sobjects", ctx.instanceUrl() + "/services/data/v{version}/sobjects/");
        urls.put("query", ctx.instanceUrl() + "/services/data/v{version}/query/");
        urls.put(
                "partner",
                ctx.instanceUrl() + "/services/Soap/u/{version}/" + org.orgId().substring(0, 15));
        urls.put(
                "metadata",
                ctx.instanceUrl() + "/services/Soap/m/{version}/" + org.orgId().substring(0, 15));
        urls.put("profile", ctx.instanceUrl() + "/" + userId);
        m.put("urls", urls);
        return m;
    }

    private Response revoke(Request req) {
        String token = form(req).get("token");
        if (token == null || !ctx.sessions().revoke(token)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "unsupported_token_type");
            body.put("error_description", "this token type is not supported");
            return Response.json(400, body);
        }
        return Response.empty(200);
    }

    private Session session(Request req) {
        String auth = req.header("Authorization");
        if (auth == null || auth.indexOf(' ') < 0) {
            return null;
        }
        Session s = ctx.sessions().lookup(auth.substring(auth.indexOf(' ') + 1).trim());
        return s == null || req.org().db().live(s.userId()) == null ? null : s;
    }

    private static Map<String, String> form(Request req) {
        Map<String, String> out = new LinkedHashMap<>();
        String ct = req.header("Content-Type");
        String raw = req.rawQuery();
        if (raw != null) {
            parseInto(raw, out);
        }
        if (ct == null || ct.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
            parseInto(req.bodyText(), out);
        }
        return out;
    }

    private static void parseInto(String raw, Map<String, String> out) {
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }
}
