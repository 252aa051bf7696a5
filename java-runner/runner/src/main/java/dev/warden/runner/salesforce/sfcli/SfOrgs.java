package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.salesforce.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Org auth through sf: resolve an alias/username to a session, log in by access token or JWT. */
public final class SfOrgs {
    private final SfCli sf;

    public SfOrgs(SfCli sf) {
        this.sf = sf;
    }

    /** {@code sf org display --target-org X}: the session sf holds for an alias or username. */
    public Session display(String targetOrg) {
        JsonNode r = sf.run("resolve org '" + targetOrg + "'", Duration.ofSeconds(90), List.of("org", "display", "--target-org", targetOrg));
        String token = r.path("accessToken").asText(null);
        if (token == null || token.isBlank()) {
            throw new SfCliException("resolve org '" + targetOrg + "'", "NoAccessToken",
                    "sf has no session for it; log in again: sf org login web --alias " + targetOrg, 1);
        }
        return new Session(r.path("instanceUrl").asText(), token, r.path("username").asText(), r.path("id").asText());
    }

    /** {@code SF_ACCESS_TOKEN=… sf org login access-token}: the token goes through the environment, never argv. */
    public void loginAccessToken(String instanceUrl, String accessToken, String alias) {
        sf.withEnv(Map.of("SF_ACCESS_TOKEN", accessToken)).run("log sf in to " + instanceUrl, Duration.ofSeconds(120),
                List.of("org", "login", "access-token", "--instance-url", instanceUrl, "--no-prompt", "--alias", alias));
    }

    /** {@code sf org login jwt}: sf signs its own assertion with the key file. */
    public Session loginJwt(String username, java.nio.file.Path keyFile, String clientId, String instanceUrl, String alias) {
        JsonNode r = sf.run("log in as " + username + " by JWT", Duration.ofSeconds(120), List.of("org", "login", "jwt", "--username", username,
                "--jwt-key-file", keyFile.toString(), "--client-id", clientId, "--instance-url", instanceUrl, "--alias", alias));
        return new Session(r.path("instanceUrl").asText(instanceUrl), r.path("accessToken").asText(), r.path("username").asText(username),
                r.path("orgId").asText(null));
    }
}
