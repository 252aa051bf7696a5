package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.metadata.ExternalClientApplication;
import com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings;
import com.sforce.soap.metadata.ExtlClntAppOauthConfigurablePolicies;
import com.sforce.soap.metadata.Metadata;
import com.sforce.soap.metadata.MetadataConnection;
import com.sforce.soap.metadata.PermissionSet;
import com.sforce.soap.metadata.UpsertResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.TestKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The chain the runner depends on: an External Client App, its global OAuth settings (certificate) and policies
 * (pre-authorized permission set) deployed through the Metadata API, the set assigned through the Partner API, then
 * a JWT bearer login signed with the matching key, whose token works on the SOAP API.
 */
class DeployedEcaJwtTest {

    @Test
    void an_eca_deployed_with_a_certificate_lets_a_pre_authorized_user_log_in_by_jwt_bearer_and_call_soap()
            throws Exception {
        TestKeys keys = new TestKeys();
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            ConnectorConfig mc = new ConnectorConfig();
            mc.setServiceEndpoint(server.instanceUrl() + "/services/Soap/m/62.0");
            mc.setSessionId(server.adminAccessToken());
            MetadataConnection md = new MetadataConnection(mc);

            PermissionSet access = new PermissionSet();
            access.setFullName("Jwt_Access");
            access.setLabel("Jwt Access");
            ExternalClientApplication eca = new ExternalClientApplication();
            eca.setFullName("Jwt_App");
            eca.setLabel("Jwt App");
            ExtlClntAppGlobalOauthSettings global = new ExtlClntAppGlobalOauthSettings();
            global.setFullName("Jwt_App_glbl");
            global.setExternalClientApplication("Jwt_App");
            global.setLabel("Jwt App Global");
            global.setConsumerKey("jwt-app-consumer-key");
            global.setCertificate(keys.certificatePem.trim());
            ExtlClntAppOauthConfigurablePolicies policies = new ExtlClntAppOauthConfigurablePolicies();
            policies.setFullName("Jwt_App_plcy");
            policies.setExternalClientApplication("Jwt_App");
            policies.setLabel("Jwt App Policies");
            policies.setCommaSeparatedPermissionSet("Jwt_Access");
            policies.setPermittedUsersPolicyType(
                    com.sforce.soap.metadata.PermittedUsersPolicyType.AdminApprovedPreAuthorized);
            UpsertResult[] up = md.upsertMetadata(new Metadata[] {access, eca, global, policies});
            for (UpsertResult r : up) {
                assertTrue(r.isSuccess(), () -> r.getFullName() + ": " + Arrays.toString(r.getErrors()));
            }

            ConnectorConfig pc = new ConnectorConfig();
            pc.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
            pc.setSessionId(server.adminAccessToken());
            PartnerConnection admin = new PartnerConnection(pc);
            String psId = admin.query("SELECT Id FROM PermissionSet WHERE Name = 'Jwt_Access'")
                    .getRecords()[0]
                    .getId();
            SObject psa = new SObject("PermissionSetAssignment");
            psa.setField("AssigneeId", server.org().adminUserId());
            psa.setField("PermissionSetId", psId);
            assertTrue(admin.create(new SObject[] {psa})[0].isSuccess());

            String assertion =
                    keys.assertion("jwt-app-consumer-key", server.adminUsername(), server.instanceUrl(), true);
            HttpResponse<String> token = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.instanceUrl() + "/services/oauth2/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                                            + URLEncoder.encode(
                                                    "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                    StandardCharsets.UTF_8)
                                            + "&assertion=" + assertion))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());

            ConnectorConfig jc = new ConnectorConfig();
            jc.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
            jc.setSessionId(new ObjectMapper()
                    .readTree(token.body())
                    .path("access_token")
                    .asText());
            assertEquals(
                    server.adminUsername(),
                    new PartnerConnection(jc).getUserInfo().getUserName());
        }
    }
}
