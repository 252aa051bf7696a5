package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.metadata.MetadataConnection;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.fault.LoginFault;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Partner API's username-password {@code login} over HTTP with WSC's own login (what simple-salesforce's
 * SalesforceLogin sends too): password + security token, the LoginResult's URLs (with the org id suffix) serving
 * Partner and Metadata calls, and the platform's faults for a wrong token or a missing one.
 */
class PasswordLoginTest {
    static final String USER = "admin@warden.local";
    static final String PASSWORD = "Login-test-7";
    static LocalOrgServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        OrgClient.Answer a = new OrgClient(server.instanceUrl(), server.adminAccessToken())
                .post("/_local/login-credentials", Map.of("username", USER, "password", PASSWORD));
        assertEquals(200, a.status(), a.body());
        token = a.json().get("securityToken").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ConnectorConfig login(String password) {
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setAuthEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
        cfg.setUsername(USER);
        cfg.setPassword(password);
        return cfg;
    }

    @Test
    void passwordPlusSecurityTokenLogsInAndTheSessionServesPartnerAndMetadataCalls() throws Exception {
        ConnectorConfig cfg = login(PASSWORD + token);
        PartnerConnection partner = Connector.newConnection(cfg);
        String org15 = server.org().orgId().substring(0, 15);
        assertEquals(server.instanceUrl() + "/services/Soap/u/65.0/" + org15, cfg.getServiceEndpoint());
        assertEquals(
                1,
                partner.query("SELECT Id FROM User WHERE Username = '" + USER + "'")
                        .getSize());
        assertEquals(USER, partner.getUserInfo().getUserName());

        ConnectorConfig md = new ConnectorConfig();
        md.setServiceEndpoint(server.instanceUrl() + "/services/Soap/m/62.0/" + org15);
        md.setSessionId(cfg.getSessionId());
        assertTrue(new MetadataConnection(md).describeMetadata(62.0).getMetadataObjects().length > 0);

        Record last = server.org().db().findOne("User", "Username", USER);
        assertTrue(last.get("LastLoginDate") != null);
    }

    @Test
    void aWrongTokenIsInvalidLoginAndAMissingOneMustUseTheSecurityToken() {
        LoginFault wrong = assertThrows(
                LoginFault.class, () -> Connector.newConnection(login(PASSWORD + "X".repeat(token.length()))));
        assertEquals("INVALID_LOGIN", wrong.getExceptionCode().toString());
        assertEquals(PasswordLogin.INVALID_LOGIN, wrong.getExceptionMessage());

        LoginFault missing = assertThrows(LoginFault.class, () -> Connector.newConnection(login(PASSWORD)));
        assertEquals("LOGIN_MUST_USE_SECURITY_TOKEN", missing.getExceptionCode().toString());

        LoginFault unknown = assertThrows(LoginFault.class, () -> Connector.newConnection(login("nope" + token)));
        assertEquals("INVALID_LOGIN", unknown.getExceptionCode().toString());

        List<String> statuses = server.org().db().rows("LoginHistory", false).stream()
                .filter(r -> "Other Apex API".equals(r.get("LoginType")))
                .map(r -> r.getString("Status"))
                .toList();
        assertTrue(statuses.contains("Failed: API security token required"), statuses.toString());
        assertTrue(statuses.contains("Invalid Password"), statuses.toString());
    }
}
