package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sf org login sfdx-url} forces https: the self-signed certificate made at start must satisfy sf. */
class SfCliHttpsContractTest {
    static LocalOrgServer server;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(new LocalOrgOptions(0, true, null, null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sfdxUrlLoginOverHttpsWithTheGeneratedCertificateThenDisplayIsConnected() throws Exception {
        assertTrue(server.instanceUrl().startsWith("https://127.0.0.1:"));
        assertTrue(Files.readString(server.certificatePath()).contains("BEGIN CERTIFICATE"));
        String authUrl = httpsAdmin()
                .post("/_local/refresh-token", Map.of("username", server.adminUsername()))
                .json()
                .get("sfdxAuthUrl")
                .asText();
        SfCli sf = new SfCli();
        Path file = Files.createTempFile(sf.home(), "auth", ".txt");
        Files.writeString(file, authUrl);
        Map<String, String> env =
                Map.of("NODE_EXTRA_CA_CERTS", server.certificatePath().toString());
        SfCli.Result login =
                sf.run(env, "org", "login", "sfdx-url", "--sfdx-url-file", file.toString(), "--alias", "tls", "--json");
        assertEquals(0, login.exit(), login.stdout() + login.stderr());
        assertEquals(
                server.adminUsername(),
                login.json().get("result").get("username").asText());
        SfCli.Result display = sf.run(env, "org", "display", "-o", "tls", "--json");
        assertEquals(
                "Connected", display.json().get("result").get("connectedStatus").asText());
    }

    /** The admin endpoint over TLS, trusting exactly the generated certificate. */
    private static OrgClient httpsAdmin() throws Exception {
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        try (var in = Files.newInputStream(server.certificatePath())) {
            ts.setCertificateEntry(
                    "local",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new OrgClient(server.instanceUrl(), server.adminAccessToken(), ctx);
    }
}
