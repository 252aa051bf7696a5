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
 * SHA-256 hashes in memory only (never in the state file or logs). Nothing checks them yet: the local org has no
 * username-password login, so a set password is reported by {@link #hasPassword} and nothing else (documented).
 */
public final class UserPasswords {
    private static final Map<Org, Map<String, byte[]>> HASHES = Collections.synchronizedMap(new WeakHashMap<>());
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
        if (password == null
                || password.length() < 8
                || !password.chars().anyMatch(Character::isLetter)
                || !password.chars().anyMatch(Character::isDigit)) {
            throw new OrgException(
                    "INVALID_NEW_PASSWORD",
                    "Your password must be at least 8 characters long and" + " contain a mix of letters and numbers.");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = sha256(salt, password);
        byte[] stored = new byte[salt.length + hash.length];
        System.arraycopy(salt, 0, stored, 0, salt.length);
        System.arraycopy(hash, 0, stored, salt.length, hash.length);
        HASHES.computeIfAbsent(org, o -> new ConcurrentHashMap<>()).put(user.id(), stored);
    }

    /** True when a password was set for the user and equals {@code password}. */
    public static boolean matches(Org org, String userId, String password) {
        Map<String, byte[]> m = HASHES.get(org);
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
