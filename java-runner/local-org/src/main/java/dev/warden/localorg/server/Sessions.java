package dev.warden.localorg.server;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access and refresh tokens. Tokens are secrets: they are never logged or shown by /_local/state. */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    /** What a refresh token stands for. */
    public record RefreshGrant(String refreshToken, String userId, String appName, Instant issuedAt) {}

    public Session issue(String orgId, String userId, String appName, String clientIp) {
        String token = orgId.substring(0, 15) + "!" + random(48);
        Session s = new Session(token, userId, appName, clientIp, Instant.now());
        byToken.put(token, s);
        return s;
    }

    /** Registers a fixed token (the admin token given at start). */
    public Session register(String token, String userId, String clientIp) {
        Session s = new Session(token, userId, null, clientIp, Instant.now());
        byToken.put(token, s);
        return s;
    }

    public Session lookup(String token) {
        return token == null ? null : byToken.get(token);
    }

    public RefreshGrant issueRefresh(String userId, String appName) {
        RefreshGrant g = new RefreshGrant("5Aep" + random(60), userId, appName, Instant.now());
        refreshTokens.put(g.refreshToken(), g);
        return g;
    }

    /**
     * A one-time OAuth authorization code (a Dev Hub issues one per scratch org: ScratchOrgInfo.AuthCode, exchanged
     * by sf with grant_type=authorization_code for the client and redirect URI it was issued for).
     */
    public record AuthCode(String code, String userId, String clientId, String redirectUri) {}

    private final Map<String, AuthCode> authCodes = new ConcurrentHashMap<>();

    public AuthCode issueAuthCode(String userId, String clientId, String redirectUri) {
        AuthCode c = new AuthCode("aPrx" + random(60), userId, clientId, redirectUri);
        authCodes.put(c.code(), c);
        return c;
    }

    /** The code's grant, removed so it can't be used twice; null when unknown or already used. */
    public AuthCode redeemAuthCode(String code) {
        return code == null ? null : authCodes.remove(code);
    }

    public RefreshGrant refreshGrant(String token) {
        return token == null ? null : refreshTokens.get(token);
    }

    /** Revokes an access or refresh token; revoking a refresh token also ends that user's sessions for the app. */
    public boolean revoke(String token) {
        if (byToken.remove(token) != null) {
            return true;
        }
        RefreshGrant g = refreshTokens.remove(token);
        if (g != null) {
            byToken.values()
                    .removeIf(s -> s.userId().equals(g.userId()) && java.util.Objects.equals(s.appName(), g.appName()));
            return true;
        }
        return false;
    }

    /** Drops every token except {@code keep} (used by /_local/reset). */
    public void clearExcept(String keep) {
        byToken.keySet().removeIf(t -> !t.equals(keep));
        refreshTokens.clear();
    }

    public int activeCount() {
        return byToken.size();
    }

    static String random(int chars) {
        byte[] b = new byte[chars];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, chars);
    }
}
