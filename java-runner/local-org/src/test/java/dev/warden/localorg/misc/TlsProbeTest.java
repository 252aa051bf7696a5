package dev.warden.localorg.misc;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TlsProbeTest {
    @Test
    void probe() throws Exception {
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            URI u = URI.create(server.instanceUrl());
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}
                public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
            }}, null);
            long t0 = System.nanoTime();
            try (Socket s = new Socket(u.getHost(), u.getPort())) {
                s.setSoTimeout(8000);
                javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket(s, u.getHost(), u.getPort(), true);
                ssl.startHandshake();
                System.err.println("PROBE handshake ok?!");
            } catch (Exception e) {
                System.err.println("PROBE " + e + " after ms " + (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }
}
