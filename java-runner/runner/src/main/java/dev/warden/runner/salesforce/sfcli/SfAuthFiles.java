package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.salesforce.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session sf saved for an alias or username, read from sf's own files instead of starting sf ({@code sf org
 * display} is one Node start-up, seconds on a loaded machine). Mirrors {@code @salesforce/core} 8.x, the version
 * pinned in scripts/toolchain:
 * <ul>
 *   <li>aliases: {@code ~/.sfdx/alias.json}, {@code {"orgs":{"alias":"username"}}}; a name that is no alias is a
 *       username;
 *   <li>the org: {@code ~/.sfdx/<username>.json} ({@code username}, {@code orgId}, {@code instanceUrl}, and the
 *       {@code accessToken} encrypted);
 *   <li>the encryption key: the OS keychain, or {@code ~/.sfdx/key.json} (mode 600, service {@code sfdx}, account
 *       {@code local}) where sf uses its "generic" keychain: Windows; Linux with {@code SF_USE_GENERIC_UNIX_KEYCHAIN}
 *       or without {@code secret-tool}; macOS with {@code SF_USE_GENERIC_UNIX_KEYCHAIN};
 *   <li>the cipher: AES-256-GCM, the value {@code <iv><ciphertext>:<tag>} in hex. A 64-character key is "v2" (32 bytes
 *       from hex, 12-byte IV from hex); a 32-character key is "v1" (its UTF-8 bytes, and the IV is the first 12 hex
 *       characters themselves as UTF-8 bytes, as Node takes a string IV).
 * </ul>
 * Anything else (the OS keychain, an unknown key size, a file sf would refuse, a tag that does not verify) is a
 * {@link Lookup#whyNot() reason} and the caller asks sf. The token is never put in a reason, a log or an exception.
 * The token may be stale: the caller checks it with one call, as {@code sf org display} does ({@code refreshAuth}).
 */
public final class SfAuthFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GCM_TAG_BITS = 128;

    private final Path home;
    private final Function<String, String> env;
    private final String osName;

    /**
     * @param home the HOME sf runs with (its state is in {@code home/.sfdx})
     * @param env sf's environment ({@code SF_USE_GENERIC_UNIX_KEYCHAIN}, {@code SFDX_SECRET_TOOL_PATH})
     * @param osName {@code os.name} of this machine
     */
    public SfAuthFiles(Path home, Function<String, String> env, String osName) {
        this.home = home;
        this.env = env;
        this.osName = osName.toLowerCase(java.util.Locale.ROOT);
    }

    /** The files of the sf this runner starts: its HOME (a test's private one) and environment, else the process's. */
    public static SfAuthFiles of(SfCli sf) {
        Function<String, String> env = name -> sf.environment().getOrDefault(name, System.getenv(name));
        String home = env.apply("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return new SfAuthFiles(Path.of(home), env, System.getProperty("os.name", ""));
    }

    /** A session read from sf's files, or why it could not be (never both). */
    public record Lookup(Session session, String whyNot) {
        static Lookup not(String why) {
            return new Lookup(null, why);
        }
    }

    public Lookup lookup(String aliasOrUsername) {
        Path dir = home.resolve(".sfdx");
        try {
            String username = aliasOrUsername;
            Path aliases = dir.resolve("alias.json");
            if (Files.isRegularFile(aliases)) {
                JsonNode alias = read(aliases).path("orgs").path(aliasOrUsername);
                if (alias.isTextual()) {
                    username = alias.asText();
                }
            }
            Path authFile = dir.resolve(username + ".json");
            if (username.isBlank()
                    || username.contains("/")
                    || username.contains("\\")
                    || !Files.isRegularFile(authFile)) {
                return Lookup.not("no auth file for '" + aliasOrUsername + "' in " + dir);
            }
            JsonNode auth = read(authFile);
            String encrypted = auth.path("accessToken").asText("");
            String instanceUrl = auth.path("instanceUrl").asText("");
            if (encrypted.isEmpty() || instanceUrl.isEmpty()) {
                return Lookup.not(authFile + " holds no access token or instance URL");
            }
            String why = genericKeychainUnavailable();
            if (why != null) {
                return Lookup.not(why);
            }
            Path keyFile = dir.resolve("key.json");
            if (!Files.isRegularFile(keyFile)) {
                return Lookup.not("no " + keyFile);
            }
            if (!ownerOnly(keyFile)) {
                return Lookup.not(keyFile + " is not mode 600 (sf refuses it too)");
            }
            JsonNode key = read(keyFile);
            if (!"sfdx".equals(key.path("service").asText())
                    || !"local".equals(key.path("account").asText())) {
                return Lookup.not(keyFile + " is not sf's key (service sfdx, account local)");
            }
            String token = decrypt(key.path("key").asText(""), encrypted);
            return new Lookup(
                    new Session(
                            instanceUrl,
                            token,
                            auth.path("username").asText(username),
                            auth.path("orgId").asText(null)),
                    null);
        } catch (IOException e) {
            // No message: a parse error can quote the file, and these files hold secrets.
            return Lookup.not(
                    "unreadable sf state in " + dir + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Lookup.not("sf's saved token could not be decrypted with " + dir.resolve("key.json") + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Null when sf keeps its key in key.json here; else where sf keeps it instead (then only sf can read it). */
    String genericKeychainUnavailable() {
        boolean generic = Boolean.parseBoolean(env.apply("SF_USE_GENERIC_UNIX_KEYCHAIN"));
        if (osName.startsWith("win")) {
            return null;
        }
        if (osName.contains("mac") || osName.contains("darwin")) {
            return generic ? null : "sf keeps its key in the macOS keychain";
        }
        if (generic) {
            return null;
        }
        String secretTool = env.apply("SFDX_SECRET_TOOL_PATH");
        Path tool = Path.of(secretTool == null || secretTool.isBlank() ? "/usr/bin/secret-tool" : secretTool);
        return Files.isExecutable(tool) ? "sf keeps its key in the Linux keychain (" + tool + ")" : null;
    }

    private static boolean ownerOnly(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file)
                    .equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException windows) {
            return true; // sf checks only read/write access there
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readAllBytes(file));
    }

    /** sf's {@code Crypto.decrypt} (v1 or v2 by the key's length); throws when the tag does not verify. */
    static String decrypt(String key, String encrypted) throws GeneralSecurityException {
        int colon = encrypted.indexOf(':');
        if (colon < 0 || encrypted.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("not sf's encrypted format");
        }
        String head = encrypted.substring(0, colon);
        String tag = encrypted.substring(colon + 1);
        byte[] keyBytes;
        byte[] iv;
        String body;
        if (key.length() == 64) { // v2
            keyBytes = HexFormat.of().parseHex(key);
            iv = HexFormat.of().parseHex(head.substring(0, 24));
            body = head.substring(24);
        } else if (key.length() == 32) { // v1
            keyBytes = key.getBytes(StandardCharsets.UTF_8);
            iv = head.substring(0, 12).getBytes(StandardCharsets.UTF_8);
            body = head.substring(12);
        } else {
            throw new IllegalArgumentException("a key of unknown size");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(GCM_TAG_BITS, iv));
        return new String(cipher.doFinal(HexFormat.of().parseHex(body + tag)), StandardCharsets.UTF_8);
    }
}
