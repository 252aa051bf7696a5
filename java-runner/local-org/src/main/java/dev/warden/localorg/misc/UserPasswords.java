package dev.warden.localorg.misc;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords set through the Partner API's {@code setPassword} ({@code sf org generate password}). Kept as salted
 * SHA-256 hashes in memory only (never in the state file or logs), with each user's security token (also hashed). The
 * SOAP {@code login} call ({@code soap.PasswordLogin}) checks them.
 */
public final class UserPasswords {
    private static final Map<Org, Map<String, byte[]>> HASHES = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Org, Map<String, byte[]>> TOKENS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Salesforce's security tokens are 24 characters of letters and digits (UNCONFIRMED: some older ones are 25). */
    public static final int TOKEN_LENGTH = 24;

    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserPasswords() {}

    /**
     * Sets {@code userId}'s password as {@code callerId}. Rules: setting one's own password needs the Security
     * setting {@code enableSetPasswordInApi} (what sf's error tells scratch-org users to set); another user's needs
     * Reset User Passwords or Manage Users; at least 8 characters with a letter and a digit (the default policy).
     * Codes and wording UNCONFIRMED except "Cannot set password for self", which sf itself matches.
     */
    public static void set(Org org, String callerId, String userId, String password) {
        Record user = userId == null ? null : org.db().live(userId);
        if (user == null || !user.objectName().equals("User")) {
            throw new OrgException("INVALID_ID_FIELD", "Invalid user id: " + userId);
        }
        if (user.id().equals(callerId)) {
            if (!Boolean.TRUE.equals(org.metadata().settings("Security").get("enableSetPasswordInApi"))) {
                throw new OrgException("INVALID_OPERATION", "Cannot set password for self");
            }
        } else {
            Access access = Access.ofUser(org.db(), callerId);
            if (!access.has("ResetPasswords") && !access.has("ManageUsers")) {
                throw new OrgException("INSUFFICIENT_ACCESS", "insufficient access rights on object id: " + userId);
            }
        }
        store(org, user.id(), password);
    }

    /**
     * Sets a user's password and makes them a new security token, as Setup's "Reset Password" and the e-mails that
     * follow would (no public API; the admin endpoint {@code /_local/login-credentials} stands for it). Returns the
     * token: a secret, for tests only.
     */
    public static String resetForLogin(Org org, String userId, String password) {
        store(org, userId, password);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(TOKEN_CHARS.charAt(RANDOM.nextInt(TOKEN_CHARS.length())));
        }
        TOKENS.computeIfAbsent(org, o -> new ConcurrentHashMap<>()).put(userId, salted(token.toString()));
        return token.toString();
    }

    /** True when the user has a security token and it equals {@code token}. */
    public static boolean tokenMatches(Org org, String userId, String token) {
        return matches(TOKENS.get(org), userId, token);
    }

    private static void store(Org org, String userId, String password) {
        if (password == null
                || password.length() < 8
                || !password.chars().anyMatch(Character::isLetter)
                || !password.chars().anyMatch(Character::isDigit)) {
            throw new OrgException(
                    "INVALID_NEW_PASSWORD",
                    "Your password must be at least 8 characters long and" + " contain a mix of letters and numbers.");
        }
        HASHES.computeIfAbsent(org, o -> new ConcurrentHashMap<>()).put(userId, salted(password));
    }

    private static byte[] salted(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = sha256(salt, secret);
        byte[] stored = new byte[salt.length + hash.length];
        System.arraycopy(salt, 0, stored, 0, salt.length);
        System.arraycopy(hash, 0, stored, salt.length, hash.length);
        return stored;
    }

    /** True when a password was set for the user and equals {@code password}. */
    public static boolean matches(Org org, String userId, String password) {
        return matches(HASHES.get(org), userId, password);
    }

    private static boolean matches(Map<String, byte[]> m, String userId, String password) {
        byte[] stored = m == null ? null : m.get(userId);
        if (stored == null || password == null) {
            return false;
        }
        byte[] salt = java.util.Arrays.copyOf(stored, 16);
        byte[] hash = java.util.Arrays.copyOfRange(stored, 16, stored.length);
        return MessageDigest.isEqual(hash, sha256(salt, password));
    }

    public static boolean hasPassword(Org org, String userId) {
        Map<String, byte[]> m = HASHES.get(org);
        return m != null && m.containsKey(userId);
    }

    private static byte[] sha256(byte[] salt, String password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            return d.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
