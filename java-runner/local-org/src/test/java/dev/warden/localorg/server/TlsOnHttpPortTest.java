package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A TLS client on the plain-http port gets an answer and a closed connection, not a hang. */
class TlsOnHttpPortTest {
    static LocalOrgServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        base = URI.create(server.instanceUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTlsHandshakeFailsAtOnceInsteadOfWaiting() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] c, String a) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] c, String a) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        try (Socket raw = new Socket(base.getHost(), base.getPort())) {
            // A hang would end in SocketTimeoutException, not in the handshake error asserted below.
            raw.setSoTimeout(30_000);
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, base.getHost(), base.getPort(), true);
            Exception e = assertThrows(Exception.class, ssl::startHandshake);
            assertInstanceOf(SSLException.class, e, e.toString());
        }
    }

    @Test
    void theRawAnswerIsAPlainText400ThatSaysWhatToDo() throws Exception {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            // The first bytes of a TLS 1.2 ClientHello record.
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01});
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String answer = all.toString(StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("--https"), answer);
        }
    }

    @Test
    void plainHttpStillWorksThroughTheFront() {
        OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get("/services/data/v62.0/limits").status());
        }
        assertEquals(200, api.get("/services/data").status());
    }
}
