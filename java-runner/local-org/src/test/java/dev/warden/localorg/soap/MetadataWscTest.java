package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.metadata.DeployMessage;
import com.sforce.soap.metadata.DeployOptions;
import com.sforce.soap.metadata.DeployResult;
import com.sforce.soap.metadata.FileProperties;
import com.sforce.soap.metadata.IpRange;
import com.sforce.soap.metadata.ListMetadataQuery;
import com.sforce.soap.metadata.Metadata;
import com.sforce.soap.metadata.MetadataConnection;
import com.sforce.soap.metadata.NetworkAccess;
import com.sforce.soap.metadata.Package;
import com.sforce.soap.metadata.PackageTypeMembers;
import com.sforce.soap.metadata.RetrieveRequest;
import com.sforce.soap.metadata.RetrieveResult;
import com.sforce.soap.metadata.SecuritySettings;
import com.sforce.soap.metadata.UpsertResult;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real WSC MetadataConnection (Metadata API 62.0, gzip on) against a running local org. */
class MetadataWscTest {
    private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
    private static LocalOrgServer server;
    private static MetadataConnection md;

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        md = connect(server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MetadataConnection connect(String token) throws ConnectionException {
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/m/62.0");
        cfg.setSessionId(token);
        return new MetadataConnection(cfg);
    }

    private static DeployResult deployAndWait(byte[] zip, boolean checkOnly) throws Exception {
        DeployOptions o = new DeployOptions();
        o.setRollbackOnError(true);
        o.setSinglePackage(true);
        o.setCheckOnly(checkOnly);
        String id = md.deploy(zip, o).getId();
        for (int i = 0; i < 200; i++) {
            DeployResult r = md.checkDeployStatus(id, true);
            if (r.isDone()) {
                return r;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("deploy did not finish");
    }

    private static byte[] zip(Map<String, String> files, Map<String, List<String>> members) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        files.forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
        all.put("package.xml", MdapiPackage.packageXml(members, "62.0").getBytes(StandardCharsets.UTF_8));
        return MdapiPackage.zip(all);
    }

    @Test
    void deploy_and_check_deploy_status_report_components_and_the_empty_typed_package_xml_line() throws Exception {
        byte[] zip = zip(
                Map.of(
                        "classes/Wsc.cls",
                        "public class Wsc {}",
                        "classes/Wsc.cls-meta.xml",
                        "<ApexClass " + NS + "><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>",
                        "customPermissions/Wsc_Perm.customPermission",
                        "<CustomPermission " + NS + "><label>W</label></CustomPermission>"),
                Map.of("ApexClass", List.of("Wsc"), "CustomPermission", List.of("Wsc_Perm")));

        DeployResult r = deployAndWait(zip, false);

        assertTrue(r.isSuccess());
        assertEquals("Succeeded", r.getStatus().name());
        assertEquals(2, r.getNumberComponentsDeployed());
        DeployMessage pkg = Arrays.stream(r.getDetails().getComponentSuccesses())
                .filter(m -> m.getFileName().equals("package.xml"))
                .findFirst()
                .orElseThrow();
        assertEquals("", pkg.getComponentType());
        assertTrue(server.org().db().findOne("ApexClass", "Name", "Wsc") != null);
    }

    @Test
    void a_syntax_error_comes_back_as_a_component_failure_with_line_and_column() throws Exception {
        byte[] zip = zip(
                Map.of(
                        "classes/Bad.cls",
                        "public class Bad {\n  void x() { return 1 }\n}",
                        "classes/Bad.cls-meta.xml",
                        "<ApexClass " + NS + "><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>"),
                Map.of("ApexClass", List.of("Bad")));

        DeployResult r = deployAndWait(zip, false);

        assertEquals("Failed", r.getStatus().name());
        DeployMessage f = r.getDetails().getComponentFailures()[0];
        assertEquals("classes/Bad.cls", f.getFileName());
        assertEquals(2, f.getLineNumber());
        assertTrue(f.getProblem().startsWith("Missing ';'"), f.getProblem());
    }

    @Test
    void read_merge_and_upsert_of_security_settings_keeps_old_ranges_and_adds_the_new_one() throws Exception {
        byte[] first = zip(
                Map.of(
                        "settings/Security.settings",
                        "<SecuritySettings " + NS + "><networkAccess><ipRanges>"
                                + "<description>office</description><end>10.1.1.255</end><start>10.1.1.0</start></ipRanges></networkAccess>"
                                + "<sessionSettings><lockSessionsToIp>false</lockSessionsToIp></sessionSettings></SecuritySettings>"),
                Map.of("Settings", List.of("Security")));
        assertTrue(deployAndWait(first, false).isSuccess());

        Metadata[] read =
                md.readMetadata("SecuritySettings", new String[] {"Security"}).getRecords();
        SecuritySettings security = (SecuritySettings) read[0];
        assertEquals("Security", security.getFullName());
        assertEquals(1, security.getNetworkAccess().getIpRanges().length);
        assertEquals(false, security.getSessionSettings().getLockSessionsToIp());

        List<IpRange> ranges =
                new ArrayList<>(Arrays.asList(security.getNetworkAccess().getIpRanges()));
        IpRange scanner = new IpRange();
        scanner.setStart("203.0.113.16");
        scanner.setEnd("203.0.113.31");
        scanner.setDescription("scanner");
        ranges.add(scanner);
        NetworkAccess na = new NetworkAccess();
        na.setIpRanges(ranges.toArray(IpRange[]::new));
        SecuritySettings merged = new SecuritySettings();
        merged.setFullName("Security");
        merged.setNetworkAccess(na);
        UpsertResult[] up = md.upsertMetadata(new Metadata[] {merged});

        assertTrue(up[0].isSuccess(), () -> Arrays.toString(up[0].getErrors()));
        assertEquals(2, server.org().metadata().trustedIpRanges().size());
        assertEquals(Boolean.FALSE, server.org().metadata().settings("Security").get("lockSessionsToIp"));
    }

    @Test
    void an_over_broad_range_upsert_fails_with_the_reason() throws Exception {
        IpRange wide = new IpRange();
        wide.setStart("0.0.0.0");
        wide.setEnd("255.255.255.255");
        NetworkAccess na = new NetworkAccess();
        na.setIpRanges(new IpRange[] {wide});
        SecuritySettings s = new SecuritySettings();
        s.setFullName("Security");
        s.setNetworkAccess(na);

        UpsertResult r = md.upsertMetadata(new Metadata[] {s})[0];

        assertTrue(!r.isSuccess());
        assertTrue(r.getErrors()[0].getMessage().contains("too large"), r.getErrors()[0].getMessage());
    }

    @Test
    void read_metadata_of_a_missing_component_returns_one_null_record() throws Exception {
        Metadata[] records = md.readMetadata("PermissionSet", new String[] {"Does_Not_Exist"})
                .getRecords();
        assertEquals(1, records.length);
        assertNull(records[0]);

        com.sforce.soap.metadata.ExternalClientApplication app =
                new com.sforce.soap.metadata.ExternalClientApplication();
        app.setFullName("No_Satellites");
        app.setLabel("No Satellites");
        assertTrue(md.upsertMetadata(new Metadata[] {app})[0].isSuccess());
        for (String type : List.of(
                "ExtlClntAppGlobalOauthSettings",
                "ExtlClntAppOauthSettings",
                "ExtlClntAppOauthConfigurablePolicies",
                "ExtlClntAppConfigurablePolicies")) {
            assertNull(md.readMetadata(type, new String[] {"No_Satellites_x"}).getRecords()[0], type);
        }
        assertNull(
                md.readMetadata("ExtlClntAppGlobalOauthSettings", new String[] {"No_Satellites_glbloauth"})
                        .getRecords()[0],
                "an app without global settings has none to read");
    }

    @Test
    void list_metadata_and_retrieve_return_what_was_deployed() throws Exception {
        byte[] zip = zip(
                Map.of(
                        "permissionsets/Listed.permissionset",
                        "<PermissionSet " + NS + "><label>Listed</label>"
                                + "<userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions></PermissionSet>"),
                Map.of("PermissionSet", List.of("Listed")));
        assertTrue(deployAndWait(zip, false).isSuccess());
        ListMetadataQuery q = new ListMetadataQuery();
        q.setType("PermissionSet");

        FileProperties[] listed = md.listMetadata(new ListMetadataQuery[] {q}, 62.0);

        assertTrue(
                Arrays.stream(listed)
                        .anyMatch(p -> p.getFullName().equals("Listed")
                                && p.getFileName().equals("permissionsets/Listed.permissionset")),
                () -> Arrays.toString(listed));

        RetrieveRequest req = new RetrieveRequest();
        req.setApiVersion(62.0);
        PackageTypeMembers t = new PackageTypeMembers();
        t.setName("PermissionSet");
        t.setMembers(new String[] {"Listed"});
        Package p = new Package();
        p.setTypes(new PackageTypeMembers[] {t});
        p.setVersion("62.0");
        req.setUnpackaged(p);
        String id = md.retrieve(req).getId();
        RetrieveResult rr = md.checkRetrieveStatus(id, true);

        assertTrue(rr.isSuccess());
        Map<String, String> files = unzip(rr.getZipFile());
        assertTrue(files.get("unpackaged/permissionsets/Listed.permissionset").contains("<name>ApiEnabled</name>"));
        assertTrue(files.containsKey("unpackaged/package.xml"));
    }

    @Test
    void a_bad_session_is_an_invalid_session_id_fault() throws Exception {
        SoapFaultException e = assertThrows(
                SoapFaultException.class,
                () -> connect("00Dbogus!token").readMetadata("PermissionSet", new String[] {"X"}));
        assertEquals("INVALID_SESSION_ID", e.getFaultCode().getLocalPart());
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void profile_login_ip_ranges_are_upserted_and_read_back() throws Exception {
        com.sforce.soap.metadata.ProfileLoginIpRange range = new com.sforce.soap.metadata.ProfileLoginIpRange();
        range.setStartAddress("198.51.100.0");
        range.setEndAddress("198.51.100.255");
        range.setDescription("scanner");
        com.sforce.soap.metadata.Profile profile = new com.sforce.soap.metadata.Profile();
        profile.setFullName("Minimum Access - API Only Integrations");
        profile.setLoginIpRanges(new com.sforce.soap.metadata.ProfileLoginIpRange[] {range});

        UpsertResult up = md.upsertMetadata(new Metadata[] {profile})[0];

        assertTrue(up.isSuccess(), () -> Arrays.toString(up.getErrors()));
        com.sforce.soap.metadata.Profile read = (com.sforce.soap.metadata.Profile)
                md.readMetadata("Profile", new String[] {"Minimum Access - API Only Integrations"})
                        .getRecords()[0];
        assertEquals("198.51.100.0", read.getLoginIpRanges()[0].getStartAddress());
        assertEquals(
                1,
                server.org()
                        .metadata()
                        .profileLoginIpRanges("Minimum Access - API Only Integrations")
                        .size());
    }

    private static String admin(String method, String path, String body) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.instanceUrl() + path))
                .header("Authorization", "Bearer " + server.adminAccessToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(req, java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void fault_rules_match_the_soap_operation_and_the_request_log_names_it() throws Exception {
        admin(
                "POST",
                "/_local/faults",
                "[{\"match\":{\"soapOperation\":\"deleteMetadata\"},\"nth\":1,\"times\":1,"
                        + "\"fault\":{\"kind\":\"sfError\",\"status\":500,\"errorCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"busy\"}}]");

        SoapFaultException e = assertThrows(
                SoapFaultException.class, () -> md.deleteMetadata("CustomPermission", new String[] {"Nothing"}));
        assertEquals("UNABLE_TO_LOCK_ROW", e.getFaultCode().getLocalPart());
        assertTrue(
                !md.deleteMetadata("CustomPermission", new String[] {"Nothing"})[0].isSuccess(), "the rule fired once");

        String log = admin("GET", "/_local/requests", null);
        assertTrue(log.contains("\"soapOperation\":\"deleteMetadata\"") && log.contains("SOAP_METADATA"), log);
    }

    @Test
    void read_metadata_of_a_deployed_custom_object_returns_its_fields() throws Exception {
        byte[] zip = zip(
                Map.of(
                        "objects/Gadget__c.object",
                        "<CustomObject " + NS + "><label>Gadget</label>"
                                + "<pluralLabel>Gadgets</pluralLabel><nameField><label>Gadget Name</label><type>Text</type></nameField>"
                                + "<deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel><visibility>Public"
                                + "</visibility><fields><fullName>Size__c</fullName><label>Size</label><type>Number</type><precision>18"
                                + "</precision><scale>0</scale></fields></CustomObject>"),
                Map.of("CustomObject", List.of("Gadget__c")));
        assertTrue(deployAndWait(zip, false).isSuccess());

        com.sforce.soap.metadata.CustomObject o = (com.sforce.soap.metadata.CustomObject)
                md.readMetadata("CustomObject", new String[] {"Gadget__c"}).getRecords()[0];

        assertEquals("Gadget", o.getLabel());
        assertEquals("Size__c", o.getFields()[0].getFullName());
    }

    @Test
    void an_eca_and_its_global_oauth_settings_upserted_through_wsc_read_back_without_the_secret() throws Exception {
        com.sforce.soap.metadata.ExternalClientApplication eca =
                new com.sforce.soap.metadata.ExternalClientApplication();
        eca.setFullName("Wsc_App");
        eca.setLabel("Wsc App");
        eca.setContactEmail("s@example.com");
        com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings g =
                new com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings();
        g.setFullName("Wsc_App_glbl");
        g.setExternalClientApplication("Wsc_App");
        g.setLabel("Wsc App Global");
        g.setConsumerKey("wsc-app-key");
        g.setConsumerSecret("s3cret-never-shown");
        g.setCallbackUrl("http://localhost:1717/OauthRedirect");

        UpsertResult[] up = md.upsertMetadata(new Metadata[] {eca, g});

        assertTrue(up[0].isSuccess() && up[1].isSuccess(), () -> Arrays.toString(up[1].getErrors()));
        assertEquals(
                "wsc-app-key",
                server.org().metadata().eca("Wsc_App").orElseThrow().global().consumerKey());
        com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings read =
                (com.sforce.soap.metadata.ExtlClntAppGlobalOauthSettings)
                        md.readMetadata("ExtlClntAppGlobalOauthSettings", new String[] {"Wsc_App_glbl"})
                                .getRecords()[0];
        assertEquals("wsc-app-key", read.getConsumerKey());
        assertNull(read.getConsumerSecret());
    }
}
