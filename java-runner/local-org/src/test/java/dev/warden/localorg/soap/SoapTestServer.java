package dev.warden.localorg.soap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.localorg.metadata.MetadataJobs;
import dev.warden.localorg.setup.Org;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the SOAP engines over real HTTP on loopback for WSC tests, the way the local org's server plugs them in
 * (gzip in and out, session from the SessionHeader), without the rest of the org's endpoints.
 */
final class SoapTestServer implements AutoCloseable {
    static final String TOKEN = "00D000000000001!soap-test-session";
    final Org org = Org.seeded("admin@local.test", Clock.systemUTC());
    private final MetadataJobs jobs = new MetadataJobs();
    private final MetadataSoapApi metadata = new MetadataSoapApi(jobs);
    private final HttpServer http;

    SoapTestServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/services/Soap/", this::handle);
        http.start();
    }

    String url(String api, String version) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/services/Soap/" + api + "/" + version;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (enc != null && enc.contains("gzip")) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = gz.readAllBytes();
            }
        }
        MetadataSoapApi.Answer a = metadata.handle(org, body, t -> TOKEN.equals(t) ? org.adminUserId() : null);
        byte[] out = a.body();
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                gz.write(out);
            }
            out = b.toByteArray();
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        ex.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        ex.sendResponseHeaders(a.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        jobs.close();
    }
}
