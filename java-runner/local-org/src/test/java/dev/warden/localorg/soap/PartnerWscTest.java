package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real WSC PartnerConnection (Partner API 65.0, gzip on) against a running local org. */
class PartnerWscTest {
    private static LocalOrgServer server;
    private static PartnerConnection partner;

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        partner = connect(server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static PartnerConnection connect(String token) throws ConnectionException {
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
        cfg.setSessionId(token);
        return new PartnerConnection(cfg);
    }

    private static SObject group(String name) {
        SObject g = new SObject("Group");
        g.setField("Name", name);
        return g;
    }

    @Test
    void create_query_update_and_delete_go_through_the_data_service() throws Exception {
        SaveResult created = partner.create(new SObject[] {group("Scanners")})[0];
        assertTrue(created.isSuccess(), () -> Arrays.toString(created.getErrors()));

        QueryResult q = partner.query("SELECT Id, Name FROM Group WHERE Name = 'Scanners'");
        assertEquals(1, q.getSize());
        assertEquals("Scanners", q.getRecords()[0].getField("Name"));
        assertEquals(created.getId(), q.getRecords()[0].getId());

        SObject change = new SObject("Group");
        change.setId(created.getId());
        change.setField("Name", "Scanner Team");
        assertTrue(partner.update(new SObject[] {change})[0].isSuccess());
        assertEquals("Scanner Team", server.org().db().retrieve(created.getId()).get("Name"));

        assertTrue(partner.delete(new String[] {created.getId()})[0].isSuccess());
        assertEquals(
                0,
                partner.query("SELECT Id FROM Group WHERE Name = 'Scanner Team'")
                        .getSize());
    }

    @Test
    void a_record_error_comes_back_in_the_save_result_with_the_status_code() throws Exception {
        SObject noName = new SObject("Group");
        SaveResult r = partner.create(new SObject[] {noName})[0];
        assertFalse(r.isSuccess());
        assertEquals("REQUIRED_FIELD_MISSING", r.getErrors()[0].getStatusCode().name());
    }

    @Test
    void upsert_on_id_creates_then_updates() throws Exception {
        UpsertResult first = partner.upsert("Id", new SObject[] {group("Upserted")})[0];
        assertTrue(first.isSuccess() && first.isCreated(), () -> Arrays.toString(first.getErrors()));
        SObject again = group("Upserted Again");
        again.setId(first.getId());
        UpsertResult second = partner.upsert("Id", new SObject[] {again})[0];
        assertTrue(second.isSuccess());
        assertFalse(second.isCreated());
    }

    @Test
    void describe_sobject_and_get_user_info_describe_the_org() throws Exception {
        DescribeSObjectResult d = partner.describeSObject("PermissionSet");
        assertEquals("0PS", d.getKeyPrefix());
        Field name = Arrays.stream(d.getFields())
                .filter(f -> f.getName().equals("Name"))
                .findFirst()
                .orElseThrow();
        assertEquals("string", name.getType().name());

        GetUserInfoResult u = partner.getUserInfo();
        var limit = partner.getLimitInfoHeader().getLimitInfo()[0];
        assertEquals("API REQUESTS", limit.getType());
        assertEquals(server.org().apiUsage().used(), limit.getCurrent());
        assertEquals(server.org().apiUsage().max(), limit.getLimit());
        assertEquals(server.adminUsername(), u.getUserName());
        assertEquals(server.orgId(), u.getOrganizationId());
    }

    @Test
    void faults_are_typed_for_bad_sessions_unknown_types_and_malformed_queries() throws Exception {
        UnexpectedErrorFault session = assertThrows(
                UnexpectedErrorFault.class, () -> connect("00Dx!nope").getUserInfo());
        assertEquals("INVALID_SESSION_ID", session.getExceptionCode().name());
        InvalidSObjectFault type = assertThrows(InvalidSObjectFault.class, () -> partner.describeSObject("Nope__c"));
        assertEquals("INVALID_TYPE", type.getExceptionCode().name());
        MalformedQueryFault query = assertThrows(MalformedQueryFault.class, () -> partner.query("SELEC Id FROM User"));
        assertEquals("MALFORMED_QUERY", query.getExceptionCode().name());
        InvalidFieldFault field =
                assertThrows(InvalidFieldFault.class, () -> partner.query("SELECT Nope__c FROM User"));
        assertEquals("INVALID_FIELD", field.getExceptionCode().name());
    }

    @Test
    void a_malformed_envelope_is_a_soap_fault_not_a_stack_trace() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var res = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(server.instanceUrl() + "/services/Soap/u/65.0"))
                        .header("Content-Type", "text/xml")
                        .header("SOAPAction", "\"\"")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<not-soap"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(500, res.statusCode());
        assertTrue(res.body().contains("<soapenv:Fault>") && res.body().contains("soapenv:Client"), res.body());
        assertFalse(res.body().contains("at dev.warden"));
        assertTrue(res.body().contains("not a well-formed SOAP 1.1 envelope"), res.body());
        assertFalse(res.body().contains("null"), "no Java internals in the fault: " + res.body());
    }

    @Test
    void profile_login_ip_ranges_enforced_on_every_request_apply_to_soap_sessions() throws Exception {
        try (LocalOrgServer own = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            var org = own.org();
            org.metadata()
                    .setProfileLoginIpRanges(
                            org.adminUserId(),
                            "System Administrator",
                            List.of(new dev.warden.localorg.setup.IpRange("10.0.0.0", "10.0.0.255", "office")));
            org.metadata().putSettings(org.adminUserId(), "Security", Map.of("enforceIpRangesEveryRequest", true));
            ConnectorConfig cfg = new ConnectorConfig();
            cfg.setServiceEndpoint(own.instanceUrl() + "/services/Soap/u/65.0");
            cfg.setSessionId(own.adminAccessToken());
            cfg.setRequestHeader(LocalOrgServer.CLIENT_IP_HEADER, "192.0.2.7");

            UnexpectedErrorFault outside =
                    assertThrows(UnexpectedErrorFault.class, () -> new PartnerConnection(cfg).getUserInfo());
            assertEquals("INVALID_SESSION_ID", outside.getExceptionCode().name());

            cfg.setRequestHeader(LocalOrgServer.CLIENT_IP_HEADER, "10.0.0.5");
            assertEquals(
                    own.adminUsername(),
                    new PartnerConnection(cfg).getUserInfo().getUserName());
        }
    }

    @Test
    void query_more_pages_through_results_beyond_one_batch() throws Exception {
        var org = server.org();
        for (int i = 0; i < 520; i++) {
            org.db().insert(org.admin(), "Group", Map.of("Name", "Paged " + i));
        }

        QueryResult first = partner.query("SELECT Id, Name FROM Group WHERE Name LIKE 'Paged %'");
        assertEquals(520, first.getSize());
        assertEquals(500, first.getRecords().length);
        assertFalse(first.isDone());
        QueryResult rest = partner.queryMore(first.getQueryLocator());

        assertEquals(20, rest.getRecords().length);
        assertTrue(rest.isDone());
    }
}
