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

    /**
     * {@code sf org display --target-org X}: the session sf holds for an alias or username. sf 2.14x hides the token
     * there ("[REDACTED]"); {@code SF_TEMP_SHOW_SECRETS} still shows it in one call, and when a later sf drops that
     * workaround, {@code sf org auth show-access-token} is the second call.
     */
    public Session display(String targetOrg) {
        JsonNode r = sf.withEnv(Map.of("SF_TEMP_SHOW_SECRETS", "true"))
                .run(
                        "resolve org '" + targetOrg + "'",
                        Duration.ofSeconds(90),
                        List.of("org", "display", "--target-org", targetOrg));
        String token = r.path("accessToken").asText(null);
        if (token != null && token.startsWith("[REDACTED")) {
            token = sf.run(
                            "read the access token of '" + targetOrg + "'",
                            Duration.ofSeconds(90),
                            List.of("org", "auth", "show-access-token", "--target-org", targetOrg))
                    .path("accessToken")
                    .asText(null);
        }
        if (token == null || token.isBlank()) {
            throw new SfCliException(
                    "resolve org '" + targetOrg + "'",
                    "NoAccessToken",
                    "sf has no session for it; log in again: sf org login web --alias " + targetOrg,
                    1);
        }
        return new Session(
                r.path("instanceUrl").asText(),
                token,
                r.path("username").asText(),
                r.path("id").asText());
    }

    /** {@code SF_ACCESS_TOKEN=… sf org login access-token}: the token goes through the environment, never argv. */
    public void loginAccessToken(String instanceUrl, String accessToken, String alias) {
        sf.withEnv(Map.of("SF_ACCESS_TOKEN", accessToken))
                .run(
                        "log sf in to " + instanceUrl,
                        Duration.ofSeconds(120),
                        List.of(
                                "org",
                                "login",
                                "access-token",
                                "--instance-url",
                                instanceUrl,
                                "--no-prompt",
                                "--alias",
                                alias));
    }

    /** {@code sf org login jwt}: sf signs its own assertion with the key file. */
    public Session loginJwt(
            String username, java.nio.file.Path keyFile, String clientId, String instanceUrl, String alias) {
        JsonNode r = sf.run(
                "log in as " + username + " by JWT",
                Duration.ofSeconds(120),
                List.of(
                        "org",
                        "login",
                        "jwt",
                        "--username",
                        username,
                        "--jwt-key-file",
                        keyFile.toString(),
                        "--client-id",
                        clientId,
                        "--instance-url",
                        instanceUrl,
                        "--alias",
                        alias));
        return new Session(
                r.path("instanceUrl").asText(instanceUrl),
                r.path("accessToken").asText(),
                r.path("username").asText(username),
                r.path("orgId").asText(null));
    }
}
