package dev.warden.runner.salesforce.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.rest.RestClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OAuth 2.0 JWT bearer login (RS256, {@code exp} in seconds, 3 minutes ahead) at the org's token endpoint. Tries
 * audience = the instance URL first, then login.salesforce.com and test.salesforce.com when Salesforce answers
 * "audience is invalid" (instance names no longer tell which audience an org wants). The token request goes through
 * {@link RestClient} (the runner's one HTTP client: the run's budget, call counter and retry policy); this class only
 * signs the assertion and reads OAuth's answer.
 */
public final class JwtBearer {
    public static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final ApiBudget budget;
    private final CallCounter counter;
    private final RetryPolicy retry;

    public JwtBearer(HttpClient http, ApiBudget budget, CallCounter counter) {
        this(http, budget, counter, RetryPolicy.standard(counter, null));
    }

    public JwtBearer(HttpClient http, ApiBudget budget, CallCounter counter, RetryPolicy retry) {
        this.http = http;
        this.budget = budget;
        this.counter = counter;
        this.retry = retry;
    }

    public Session login(String instanceUrl, String username, String consumerKey, PrivateKey key) {
        // One per login, whatever its attempts and audiences ("rest.oauth.token" counts the calls): figures show how
        // many times a run logged in (up: once, verify's login reused by smoke).
        counter.count("login.jwt");
        Set<String> audiences = new LinkedHashSet<>(
                List.of(instanceUrl, "https://login.salesforce.com", "https://test.salesforce.com"));
        List<String> tried = new ArrayList<>();
        JwtLoginException last = null;
        for (String aud : audiences) {
            try {
                // A login changes nothing but the login history: safe to send again after a lost answer too.
                return retry.call(
                        "rest.oauth.token",
                        "JWT login of " + username,
                        true,
                        () -> attempt(instanceUrl, username, consumerKey, key, aud),
                        e -> e instanceof JwtLoginException j
                                ? RetryPolicy.classify(j.status(), j.error(), j.retryAfter)
                                : RetryPolicy.Failure.PERMANENT);
            } catch (JwtLoginException e) {
                tried.add(aud);
                last = e;
                if (e.description() == null || !e.description().toLowerCase().contains("audience")) {
                    throw e;
                }
            }
        }
        throw new JwtLoginException(
                last.error(), last.description() + " (tried audiences " + tried + ")", last.status());
    }

    private Session attempt(String instanceUrl, String username, String consumerKey, PrivateKey key, String audience) {
        String assertion;
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(consumerKey)
                    .subject(username)
                    .audience(audience)
                    .expirationTime(Date.from(now.plusSeconds(180)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key));
            assertion = jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the JWT: " + e.getMessage(), e);
        }
        String form = "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&assertion=" + assertion;
        RestClient.Answer res;
        try {
            res = RestClient.beforeLogin(http, instanceUrl, budget, counter, TIMEOUT, retry)
                    .postFormOnce("/services/oauth2/token", form, "rest.oauth.token", "JWT login of " + username);
        } catch (SalesforceException unanswered) {
            // No answer (connection failed, interrupted): the REST client said so in its words.
            throw new JwtLoginException(unanswered.errorCode(), unanswered.salesforceMessage(), 0);
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.text().isBlank() ? "{}" : res.text());
        } catch (IOException notJson) {
            body = JSON.createObjectNode(); // a gateway's HTML 503 page: the status says it all
        }
        if (res.status() != 200) {
            JwtLoginException refused = new JwtLoginException(
                    body.path("error").asText("HTTP_" + res.status()),
                    body.path("error_description").asText(null),
                    res.status());
            refused.retryAfter = res.retryAfter();
            throw refused;
        }
        String id = body.path("id").asText("");
        String[] parts = id.split("/");
        String orgId = parts.length >= 2 ? parts[parts.length - 2] : null;
        return new Session(
                body.path("instance_url").asText(instanceUrl),
                body.path("access_token").asText(),
                username,
                orgId);
    }

    /** Salesforce refused the login; {@code error}/{@code description} are its own words. */
    public static final class JwtLoginException extends RuntimeException {
        private final String error;
        private final String description;
        private final int status;
        private transient String retryAfter;

        public JwtLoginException(String error, String description, int status) {
            super(error + (description == null ? "" : ": " + description));
            this.error = error;
            this.description = description;
            this.status = status;
        }

        public String error() {
            return error;
        }

        public String description() {
            return description;
        }

        public int status() {
            return status;
        }

        /** No answer, or the org was busy (503, lock): not a refusal of the login itself. */
        public boolean transientFailure() {
            return RetryPolicy.classify(status, error, null).kind() != RetryPolicy.Kind.PERMANENT;
        }
    }
}
