package dev.warden.localorg.contract;

import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What an org's request log ({@code GET /_local/requests}) holds: how contract tests and benchmarks count calls. */
final class OrgRequests {
    private OrgRequests() {}

    /** The org's request log as JSON text (the /_local call itself is not logged). */
    static String log(String instanceUrl, String adminToken) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(instanceUrl + "/_local/requests"))
                                .header("Authorization", "Bearer " + adminToken)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /_local/requests answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String log(LocalOrgServer org) throws IOException, InterruptedException {
        return log(org.instanceUrl(), org.adminAccessToken());
    }

    /** How many requests the org's log holds. */
    static int count(String instanceUrl, String adminToken) throws IOException, InterruptedException {
        return Json.MAPPER
                .readTree(log(instanceUrl, adminToken))
                .get("requests")
                .size();
    }

    static int count(LocalOrgServer org) throws IOException, InterruptedException {
        return count(org.instanceUrl(), org.adminAccessToken());
    }
}
