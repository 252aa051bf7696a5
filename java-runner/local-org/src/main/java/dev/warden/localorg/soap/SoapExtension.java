package dev.warden.localorg.soap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployResults;
import dev.warden.localorg.metadata.MetadataJobs;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Session;
import dev.warden.localorg.setup.Org;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Plugs the SOAP Partner and Metadata APIs and the REST metadata deployRequest resource into the local org's
 * server (found by {@link java.util.ServiceLoader}). SOAP routes read the session from the SessionHeader; the
 * operation name (first element of the Body) is what fault rules and the request log see.
 */
public final class SoapExtension implements LocalOrgExtension {
    private final MetadataJobs jobs = new MetadataJobs();
    private final MetadataSoapApi metadata = new MetadataSoapApi(jobs);
    private final PartnerSoapApi partner = new PartnerSoapApi();

    @Override
    public void install(LocalOrgContext ctx) {
        ctx.soapOperationResolver(req -> SoapMessage.operationName(req.body()));
        // A suffix after the version is allowed, as the platform allows it: LoginResult's URLs end in the org id, and
        // simple-salesforce posts its Metadata deploy to /services/Soap/m/NN.N/deployRequest and checkDeployStatus to
        // …/deployRequest/<id>.
        ctx.routes().add("POST", "/services/Soap/m/\\d+\\.\\d+(/[\\w.-]+)*/?", ApiKind.SOAP_METADATA, false, req -> {
            SoapAnswer a = metadata.handle(req.org(), req.body(), sessionUsers(ctx, req));
            return soap(req, a.status(), a.body());
        });
        ctx.routes().add("POST", "/services/Soap/u/\\d+\\.\\d+(/[\\w.-]+)*/?", ApiKind.SOAP_PARTNER, false, req -> {
            if ("login".equals(SoapMessage.operationName(req.body()))) {
                SoapAnswer login = PasswordLogin.handle(ctx, req);
                return soap(req, login.status(), login.body());
            }
            SoapAnswer a = partner.handle(req.org(), req.body(), sessionUsers(ctx, req));
            return soap(req, a.status(), a.body());
        });
        ctx.routes()
                .add(
                        "POST",
                        "/services/data/v(\\d+\\.\\d+)/metadata/deployRequest/?",
                        ApiKind.REST,
                        true,
                        this::restDeploy);
        ctx.routes()
                .add(
                        "GET",
                        "/services/data/v(\\d+\\.\\d+)/metadata/deployRequest/(\\w+)/?",
                        ApiKind.REST,
                        true,
                        req -> {
                            MetadataJobs.DeployJob job = jobs.deployJob(req.pathGroup(2));
                            if (job == null) {
                                throw OrgException.notFound();
                            }
                            return Response.json(
                                    200,
                                    DeployResults.json(
                                            job,
                                            req.pathGroup(1),
                                            "true".equalsIgnoreCase(req.param("includeDetails")),
                                            false));
                        });
    }

    /**
     * Session id to user id for SOAP: a known token of an active user that the session rules let in, else null
     * (INVALID_SESSION_ID). The rules are the ones the server applies to REST: "Lock sessions to the IP address"
     * for app sessions, and profile login IP ranges on every request when SecuritySettings enforces them.
     */
    public static Function<String, String> sessionUsers(LocalOrgContext ctx, Request req) {
        Org org = req.org();
        return token -> {
            Session s = ctx.sessions().lookup(token);
            Record user = s == null ? null : org.db().live(s.userId());
            if (user == null || !user.is("IsActive")) {
                return null;
            }
            Map<String, Object> security = org.metadata().settings("Security");
            String ip = req.clientIp();
            if (Boolean.TRUE.equals(security.get("lockSessionsToIp"))
                    && s.appName() != null
                    && !java.util.Objects.equals(ip, s.issuedToIp())) {
                return null;
            }
            if (Boolean.TRUE.equals(security.get("enforceIpRangesEveryRequest"))) {
                Record profile = org.db().retrieve(user.getString("ProfileId"));
                var ranges = org.metadata().profileLoginIpRanges(profile.getString("Name"));
                if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> r.contains(ip))) {
                    return null;
                }
            }
            return user.id();
        };
    }

    /** Gzip when the client accepts it (WSC and sf both send Accept-Encoding gzip). */
    private static Response soap(Request req, int status, byte[] body) throws IOException {
        String accept = req.header("Accept-Encoding");
        Response r = Response.bytes(status, "text/xml;charset=UTF-8", body);
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                gz.write(body);
            }
            r = Response.bytes(status, "text/xml;charset=UTF-8", b.toByteArray())
                    .withHeader("Content-Encoding", "gzip");
        }
        return r;
    }

    /** POST deployRequest: multipart with the zip in "file" and {"deployOptions":{...}} in "entity_content". */
    private Response restDeploy(Request req) {
        String contentType = req.header("Content-Type");
        if (contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return restQuickDeploy(req);
        }
        Map<String, byte[]> parts = Multipart.parse(req.header("Content-Type"), req.body());
        byte[] zip = parts.get("file");
        if (zip == null) {
            throw new OrgException(
                    "INVALID_MULTIPART_REQUEST",
                    "The deploy request needs a multipart part named file" + " holding the zip");
        }
        boolean checkOnly = false;
        boolean rollback = true;
        String testLevel = null;
        java.util.List<String> runTests = new java.util.ArrayList<>();
        byte[] entity = parts.get("entity_content");
        if (entity != null) {
            try {
                JsonNode options = Json.MAPPER.readTree(entity).path("deployOptions");
                checkOnly = options.path("checkOnly").asBoolean(false);
                rollback = options.path("rollbackOnError").asBoolean(true);
                testLevel = options.path("testLevel").asText(null);
                options.path("runTests").forEach(t -> runTests.add(t.asText()));
            } catch (IOException e) {
                throw new OrgException(
                        "JSON_PARSER_ERROR",
                        "entity_content is not JSON: " + e.getMessage().split("\n")[0]);
            }
        }
        String userId = req.session().userId();
        if (!dev.warden.localorg.rules.Access.ofUser(req.org().db(), userId).has("ModifyAllData")
                && !dev.warden.localorg.rules.Access.ofUser(req.org().db(), userId)
                        .has("ModifyMetadata")) {
            throw new OrgException(
                    "INSUFFICIENT_ACCESS",
                    "use of the Metadata API requires a user with the" + " ModifyAllData or ModifyMetadata permissions",
                    java.util.List.of(),
                    403);
        }
        MetadataJobs.DeployJob job =
                jobs.deploy(req.org(), userId, zip, new DeployEngine.Options(checkOnly, rollback, testLevel, runTests));
        Map<String, Object> body = new LinkedHashMap<>(DeployResults.json(job, req.pathGroup(1), false, true));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", job.id);
        result.put("status", "Pending");
        result.put("done", false);
        result.put("success", false);
        result.put("checkOnly", checkOnly);
        body.put("deployResult", result);
        return Response.json(201, body);
    }

    /** POST deployRequest {"validatedDeployRequestId": id}: quick deploy of a succeeded validation. */
    private Response restQuickDeploy(Request req) {
        String validation;
        try {
            validation = Json.MAPPER
                    .readTree(req.body())
                    .path("validatedDeployRequestId")
                    .asText(null);
        } catch (IOException e) {
            throw new OrgException(
                    "JSON_PARSER_ERROR",
                    "The body is not JSON: " + e.getMessage().split("\n")[0]);
        }
        if (validation == null) {
            throw new OrgException("INVALID_FIELD", "A JSON deployRequest needs validatedDeployRequestId");
        }
        String userId = req.session().userId();
        if (!dev.warden.localorg.rules.Access.ofUser(req.org().db(), userId).has("ModifyAllData")
                && !dev.warden.localorg.rules.Access.ofUser(req.org().db(), userId)
                        .has("ModifyMetadata")) {
            throw new OrgException(
                    "INSUFFICIENT_ACCESS",
                    "use of the Metadata API requires a user with the" + " ModifyAllData or ModifyMetadata permissions",
                    java.util.List.of(),
                    403);
        }
        MetadataJobs.DeployJob job = jobs.quickDeploy(req.org(), userId, validation);
        return Response.json(201, DeployResults.json(job, req.pathGroup(1), false, true));
    }

    /** A small multipart/form-data reader (parts by name). */
    static final class Multipart {
        private Multipart() {}

        static Map<String, byte[]> parse(String contentType, byte[] body) {
            Map<String, byte[]> parts = new LinkedHashMap<>();
            int b = contentType == null ? -1 : contentType.indexOf("boundary=");
            if (b < 0) {
                throw new OrgException(
                        "INVALID_MULTIPART_REQUEST", "Expected a multipart/form-data body with a boundary");
            }
            String boundary = contentType.substring(b + 9).split(";")[0].trim().replace("\"", "");
            byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int pos = indexOf(body, delim, 0);
            while (pos >= 0) {
                int start = pos + delim.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    break;
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
                int next = indexOf(body, delim, start);
                if (headersEnd < 0 || next < 0) {
                    break;
                }
                String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
                int dataEnd = next - 2; // the CRLF before the delimiter
                if (m.find() && dataEnd >= headersEnd + 4) {
                    parts.put(m.group(1), java.util.Arrays.copyOfRange(body, headersEnd + 4, dataEnd));
                }
                pos = next;
            }
            return parts;
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
