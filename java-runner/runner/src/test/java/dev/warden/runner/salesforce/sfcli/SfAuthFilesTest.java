package dev.warden.runner.salesforce.sfcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.salesforce.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sf's saved sessions read without sf: the files are written here the way {@code @salesforce/core} 8 writes them
 * (alias.json, {@code <username>.json}, key.json at mode 600), encrypted with a key generated in the test (no real
 * secret in any fixture). The real sf's own files are read by {@code SfAuthFilesIT}.
 */
class SfAuthFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();
    static final String USER = "admin@example.invalid";

    @TempDir
    Path home;

    final String token = "00D000000000001!" + HexFormat.of().formatHex(randomBytes(24)); // throwaway

    @Test
    void anAliasResolvesToItsUsernamesSessionWithAV1Key() throws Exception {
        String key = HexFormat.of().formatHex(randomBytes(16)); // v1: 32 characters, used as UTF-8 bytes
        writeState(key, Map.of("orgs", Map.of("my-org", USER)));
        Session s = files(Map.of()).lookup("my-org").session();
        assertNotNull(s);
        assertEquals(token, s.accessToken());
        assertEquals("https://example.my.salesforce.com", s.instanceUrl());
        assertEquals(USER, s.username());
        assertEquals("00D000000000001AAA", s.orgId());
    }

    @Test
    void aUsernameIsReadDirectlyWithAV2Key() throws Exception {
        String key = HexFormat.of().formatHex(randomBytes(32)); // v2: 64 hex characters
        writeState(key, Map.of("orgs", Map.of()));
        assertEquals(token, files(Map.of()).lookup(USER).session().accessToken());
    }

    @Test
    void aWrongKeyIsAReasonToAskSfNeverAWrongToken() throws Exception {
        writeState(HexFormat.of().formatHex(randomBytes(16)), Map.of("orgs", Map.of("my-org", USER)));
        Files.writeString(home.resolve(".sfdx/key.json"), keyJson(HexFormat.of().formatHex(randomBytes(16))));
        SfAuthFiles.Lookup l = files(Map.of()).lookup("my-org");
        assertNull(l.session());
        assertTrue(l.whyNot().contains("could not be decrypted"), l.whyNot());
        assertFalse(l.whyNot().contains(token));
    }

    @Test
    void anUnknownOrgOrAMissingKeyFileIsAReason() throws Exception {
        String key = HexFormat.of().formatHex(randomBytes(16));
        writeState(key, Map.of("orgs", Map.of("my-org", USER)));
        assertTrue(files(Map.of()).lookup("other").whyNot().contains("no auth file for 'other'"));
        Files.delete(home.resolve(".sfdx/key.json"));
        assertTrue(files(Map.of()).lookup("my-org").whyNot().startsWith("no "));
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedAsSfRefusesIt() throws Exception {
        writeState(HexFormat.of().formatHex(randomBytes(16)), Map.of("orgs", Map.of("my-org", USER)));
        Files.setPosixFilePermissions(home.resolve(".sfdx/key.json"), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(files(Map.of()).lookup("my-org").whyNot().contains("not mode 600"));
    }

    @Test
    void aKeyInTheOsKeychainIsLeftToSf() throws Exception {
        writeState(HexFormat.of().formatHex(randomBytes(16)), Map.of("orgs", Map.of("my-org", USER)));
        Path secretTool = Files.createFile(home.resolve("secret-tool"));
        secretTool.toFile().setExecutable(true);
        SfAuthFiles linuxKeychain = files(Map.of("SFDX_SECRET_TOOL_PATH", secretTool.toString()));
        assertTrue(linuxKeychain.lookup("my-org").whyNot().contains("Linux keychain"));
        SfAuthFiles generic =
                files(Map.of("SFDX_SECRET_TOOL_PATH", secretTool.toString(), "SF_USE_GENERIC_UNIX_KEYCHAIN", "true"));
        assertEquals(token, generic.lookup("my-org").session().accessToken());
        SfAuthFiles mac = new SfAuthFiles(home, name -> null, "Mac OS X");
        assertTrue(mac.lookup("my-org").whyNot().contains("macOS keychain"));
    }

    @Test
    void aMalformedFileIsAReasonThatQuotesNothingOfIt() throws Exception {
        writeState(HexFormat.of().formatHex(randomBytes(16)), Map.of("orgs", Map.of("my-org", USER)));
        Files.writeString(home.resolve(".sfdx/" + USER + ".json"), "{\"accessToken\":\"" + token + "\",");
        String why = files(Map.of()).lookup("my-org").whyNot();
        assertTrue(why.startsWith("unreadable sf state"), why);
        assertFalse(why.contains(token));
    }

    private SfAuthFiles files(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("SFDX_SECRET_TOOL_PATH", "/nonexistent/secret-tool"));
        all.putAll(env);
        return new SfAuthFiles(home, all::get, "Linux");
    }

    private void writeState(String key, Map<String, Object> aliases) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".sfdx"));
        Files.writeString(dir.resolve("alias.json"), JSON.writeValueAsString(aliases));
        Files.writeString(
                dir.resolve(USER + ".json"),
                JSON.writeValueAsString(Map.of(
                        "username", USER,
                        "orgId", "00D000000000001AAA",
                        "accessToken", encryptLikeSf(key, token),
                        "instanceUrl", "https://example.my.salesforce.com/",
                        "loginUrl", "https://login.salesforce.com")));
        Path keyFile = dir.resolve("key.json");
        Files.writeString(keyFile, keyJson(key));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    private static String keyJson(String key) throws Exception {
        return JSON.writeValueAsString(Map.of("account", "local", "key", key, "service", "sfdx"));
    }

    /**
     * {@code Crypto.encrypt} of @salesforce/core: v2 (64-character key) takes the key and a 12-byte IV as bytes; v1
     * (32 characters) takes the key's characters and the IV's 12 hex characters as UTF-8 bytes (Node's string IV).
     */
    static String encryptLikeSf(String key, String text) throws Exception {
        boolean v2 = key.length() == 64;
        byte[] keyBytes = v2 ? HexFormat.of().parseHex(key) : key.getBytes(StandardCharsets.UTF_8);
        String ivHex = HexFormat.of().formatHex(randomBytes(v2 ? 12 : 6));
        byte[] iv = v2 ? HexFormat.of().parseHex(ivHex) : ivHex.getBytes(StandardCharsets.UTF_8);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(128, iv));
        String out = HexFormat.of().formatHex(c.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        int tag = out.length() - 32;
        return ivHex + out.substring(0, tag) + ":" + out.substring(tag);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
