package dev.warden.runner.salesforce.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.rest.RestClient;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT login's token request goes through the run's one REST client: counted, budgeted, refused in OAuth's words. */
class JwtBearerTest {
    static LocalOrg org;
    static PrivateKey key;

    @BeforeAll
    static void start() throws Exception {
        org = LocalOrg.start(LocalOrgOptions.defaults());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair().getPrivate();
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @Test
    void aRefusedLoginIsOneCountedAndBudgetedTokenCallInOAuthsOwnWords() {
        CallCounter counter = new CallCounter();
        ApiBudget budget = ApiBudget.observeOnly();
        JwtBearer jwt = new JwtBearer(RestClient.defaultHttpClient(), budget, counter);

        var e = assertThrows(
                JwtBearer.JwtLoginException.class,
                () -> jwt.login(org.instanceUrl(), org.adminUsername(), "no-such-consumer-key", key));

        assertEquals("invalid_client_id", e.error());
        assertEquals("client identifier invalid", e.description());
        assertEquals(400, e.status());
        assertFalse(e.transientFailure(), "a refusal of the login is not retried");
        assertEquals(
                1L,
                counter.snapshot().get("rest.oauth.token"),
                counter.snapshot().toString());
        assertEquals(1L, counter.snapshot().get("login.jwt"), counter.snapshot().toString());
        assertEquals(1L, budget.calls(), "the token call is checked against the run's budget and counted in it");
    }

    @Test
    void aBudgetAtItsReserveStopsTheLoginBeforeAnyRequest() {
        CallCounter counter = new CallCounter();
        ApiBudget budget = new ApiBudget(10);
        budget.observe(95, 100);
        JwtBearer jwt = new JwtBearer(RestClient.defaultHttpClient(), budget, counter);

        assertThrows(
                ApiBudget.ApiReserveReachedException.class,
                () -> jwt.login(org.instanceUrl(), org.adminUsername(), "any", key));
        assertEquals(0L, budget.calls(), "no request was sent");
    }
}
