package dev.warden.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No file git tracks (fixtures included) holds a private key, a consumer secret or an access token. */
class SecretLintTest {
    // Built at run time so this source file itself never contains the shapes it looks for.
    private static final String DASHES = "-".repeat(5);
    private static final String KEY_BLOCK = DASHES + "BEGIN RSA PRIVATE" + " KEY" + DASHES + "\nMIIB\n";
    private static final String TOKEN = "00D" + "5e000000abcd" + "!" + "AQ4AQFakeTokenValue.0123456789abcdef";

    @Test
    void noTrackedFileContainsAPrivateKeyAConsumerSecretOrAnAccessToken() throws Exception {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> files = RepoFiles.gitFiles();
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(RepoFiles.root().resolve(file));
            if (isBinary(bytes)) {
                continue;
            }
            for (SecretScanner.Finding finding : SecretScanner.scan(new String(bytes, StandardCharsets.UTF_8))) {
                problems.add(file + ":" + finding.line() + ": " + finding.kind()
                        + " - remove it; secrets are generated at run time and never committed");
            }
        }
        System.out.printf(
                "[gate] secret-lint: %d files (%d ms)%n", files.size(), (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of(), problems, "secrets in tracked files");
    }

    @Test
    void findsAPrivateKeyBlockAndNamesItsLine() {
        assertEquals(List.of(new SecretScanner.Finding(2, "private key block")), SecretScanner.scan("x\n" + KEY_BLOCK));
    }

    @Test
    void findsAnAccessTokenInAnyText() {
        assertEquals(1, SecretScanner.scan("Authorization: Bearer " + TOKEN).size());
    }

    @Test
    void findsConsumerSecretValuesInXmlAndKeyValueForm() {
        assertEquals(
                1,
                SecretScanner.scan("<consumerSecret>" + "A1B2C3D4E5F6" + "</consumerSecret>")
                        .size());
        assertEquals(
                1,
                SecretScanner.scan("{\"consumerSecret\": \"" + "9F8E7D6C5B4A39281706" + "\"}")
                        .size());
    }

    @Test
    void leavesPlaceholdersAndDocumentationAlone() {
        assertTrue(SecretScanner.scan("<consumerSecret></consumerSecret> token 00D…!… consumerSecret: ${SECRET}")
                .isEmpty());
    }

    private static boolean isBinary(byte[] bytes) throws IOException {
        int length = Math.min(bytes.length, 8000);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
