package dev.warden.localorg.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployEngineTest {
    private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
    private final Org org = Org.seeded("admin@local.test", Clock.systemUTC());

    /** Builds a zip from (path, content) pairs and a package.xml listing (type, member) pairs. */
    static final class Zip {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, List<String>> members = new LinkedHashMap<>();

        Zip add(String type, String member, String path, String content) {
            members.computeIfAbsent(type, k -> new java.util.ArrayList<>()).add(member);
            if (path != null) {
                files.put(path, content.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        Zip file(String path, String content) {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            Map<String, byte[]> all = new LinkedHashMap<>(files);
            all.put("package.xml", MdapiPackage.packageXml(members, "62.0").getBytes(StandardCharsets.UTF_8));
            return MdapiPackage.zip(all);
        }
    }

    static String xml(String root, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + " " + NS + ">" + body + "</" + root + ">";
    }

    static Zip apexClass(Zip z, String name, String body) {
        return z.add("ApexClass", name, "classes/" + name + ".cls", body)
                .file(
                        "classes/" + name + ".cls-meta.xml",
                        xml("ApexClass", "<apiVersion>62.0</apiVersion><status>Active</status>"));
    }

    static Zip permissionSet(Zip z, String name, String body) {
        return z.add(
                "PermissionSet",
                name,
                "permissionsets/" + name + ".permissionset",
                xml("PermissionSet", "<label>" + name + "</label>" + body));
    }

    static String userPerm(String name) {
        return "<userPermissions><enabled>true</enabled><name>" + name + "</name></userPermissions>";
    }

    private DeployOutcome deploy(Zip z) {
        return DeployEngine.deploy(org, org.adminUserId(), z.bytes(), DeployEngine.Options.defaults());
    }

    private static String widget() {
        return xml(
                "CustomObject",
                "<label>Widget</label><pluralLabel>Widgets</pluralLabel><nameField><label>Widget Name"
                        + "</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus><fields><fullName>"
                        + "Size__c</fullName><label>Size</label><type>Number</type><precision>18</precision><scale>0</scale>"
                        + "</fields><fields><fullName>Kind__c</fullName><label>Kind</label><type>Picklist</type><valueSet>"
                        + "<restricted>true</restricted><valueSetDefinition><value><fullName>A</fullName><default>true</default>"
                        + "<label>A</label></value><value><fullName>B</fullName><default>false</default><label>B</label></value>"
                        + "</valueSetDefinition></valueSet></fields>");
    }

    @Test
    void a_custom_object_with_fields_a_class_and_a_permission_set_deploy_with_one_line_each_plus_package_xml() {
        Zip z = new Zip()
                .add("CustomObject", "Widget__c", "objects/Widget__c.object", widget())
                .add("CustomField", "Widget__c.Size__c", null, "");
        apexClass(z, "Foo", "public with sharing class Foo { public static Integer one() { return 1; } }");
        permissionSet(
                z,
                "Foo",
                "<classAccesses><apexClass>Foo</apexClass><enabled>true</enabled></classAccesses>"
                        + "<objectPermissions><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true"
                        + "</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Widget__c"
                        + "</object><viewAllRecords>false</viewAllRecords></objectPermissions><fieldPermissions><editable>true"
                        + "</editable><field>Widget__c.Size__c</field><readable>true</readable></fieldPermissions>");

        DeployOutcome out = deploy(z);

        assertTrue(out.success(), () -> out.failures().toString());
        assertEquals(5, out.successes().size());
        ComponentResult pkg = out.successes().stream()
                .filter(r -> r.fileName().equals("package.xml"))
                .findFirst()
                .orElseThrow();
        assertEquals("", pkg.componentType());
        ComponentResult field = out.successes().stream()
                .filter(r -> r.componentType().equals("CustomField"))
                .findFirst()
                .orElseThrow();
        assertEquals("objects/Widget__c.object", field.fileName());
        assertNotNull(org.schema().get("Widget__c").field("Size__c"));
        assertEquals(
                List.of("A", "B"),
                org.schema().get("Widget__c").field("Kind__c").picklistValues());
        assertNotNull(org.db().findOne("ApexClass", "Name", "Foo"));
        assertTrue(org.metadata()
                .readPermissionSet("Foo")
                .orElseThrow()
                .classAccesses()
                .contains("Foo"));
        assertFalse(org.db()
                .findBy("SetupAuditTrail", "Action", "createdCustomObject")
                .isEmpty());
    }

    @Test
    void a_permission_set_deploy_is_a_full_replace_so_a_permission_left_out_becomes_false() {
        assertTrue(deploy(permissionSet(new Zip(), "Scanner", userPerm("ApiEnabled") + userPerm("ViewSetup")))
                .success());
        assertTrue(org.metadata()
                .readPermissionSet("Scanner")
                .orElseThrow()
                .userPermissions()
                .contains("ViewSetup"));

        assertTrue(deploy(permissionSet(new Zip(), "Scanner", userPerm("ApiEnabled")))
                .success());

        Record ps = org.db().findOne("PermissionSet", "Name", "Scanner");
        assertFalse(ps.is("PermissionsViewSetup"));
        assertTrue(ps.is("PermissionsApiEnabled"));
    }

    @Test
    void a_missing_permission_dependency_fails_the_component_and_the_whole_deploy() {
        Zip z = permissionSet(new Zip(), "Files", userPerm("QueryAllFiles"));
        apexClass(z, "Bar", "public class Bar {}");

        DeployOutcome out = deploy(z);

        assertFalse(out.success());
        assertEquals(
                "Permission QueryAllFiles depends on permission(s): ViewAllData",
                out.failures().get(0).problem());
        assertEquals("permissionsets/Files.permissionset", out.failures().get(0).fileName());
        assertNull(org.db().findOne("ApexClass", "Name", "Bar"));
        assertNull(org.db().findOne("PermissionSet", "Name", "Files"));
    }

    @Test
    void modify_all_data_needs_view_all_data_and_an_unknown_permission_is_named() {
        assertEquals(
                "Permission ModifyAllData depends on permission(s): ViewAllData",
                deploy(permissionSet(new Zip(), "Mad", userPerm("ModifyAllData")))
                        .failures()
                        .get(0)
                        .problem());
        assertEquals(
                "Unknown user permission: FlyToTheMoon",
                deploy(permissionSet(new Zip(), "Moon", userPerm("FlyToTheMoon")))
                        .failures()
                        .get(0)
                        .problem());
        assertTrue(deploy(permissionSet(new Zip(), "Mad", userPerm("ModifyAllData") + userPerm("ViewAllData")))
                .success());
    }

    @Test
    void an_apex_syntax_error_fails_with_problem_line_and_column_and_nothing_is_applied() {
        Zip z = new Zip().add("CustomObject", "Widget__c", "objects/Widget__c.object", widget());
        apexClass(
                z,
                "Foo",
                "public with sharing class Foo {\n    public static Integer add(Integer a, Integer b) { return a + b }\n}");

        DeployOutcome out = deploy(z);

        assertFalse(out.success());
        ComponentResult f = out.failures().get(0);
        assertEquals("classes/Foo.cls", f.fileName());
        assertEquals("Missing ';' at '}'", f.problem());
        assertEquals(2, f.lineNumber());
        assertEquals(
                "    public static Integer add(Integer a, Integer b) { return a + b }".indexOf("b }") + 3,
                f.columnNumber());
        assertNull(org.schema().get("Widget__c"));
    }

    @Test
    void a_check_only_deploy_validates_everything_and_applies_nothing() {
        Zip z = new Zip().add("CustomObject", "Widget__c", "objects/Widget__c.object", widget());
        apexClass(z, "Foo", "public class Foo {}");
        permissionSet(
                z,
                "Foo",
                "<objectPermissions><allowRead>true</allowRead><object>Widget__c</object></objectPermissions>");
        int auditBefore = org.db().count("SetupAuditTrail");

        DeployOutcome out =
                DeployEngine.deploy(org, org.adminUserId(), z.bytes(), new DeployEngine.Options(true, true));

        assertTrue(out.success(), () -> out.failures().toString());
        assertTrue(out.checkOnly());
        assertNull(org.schema().get("Widget__c"));
        assertNull(org.db().findOne("ApexClass", "Name", "Foo"));
        assertNull(org.db().findOne("PermissionSet", "Name", "Foo"));
        assertEquals(auditBefore, org.db().count("SetupAuditTrail"));
        assertTrue(deploy(z).success(), "the same package deploys for real afterwards");
        assertNotNull(org.schema().get("Widget__c"));
    }

    private static String security(String ranges) {
        return xml(
                "SecuritySettings",
                "<networkAccess>" + ranges + "</networkAccess><sessionSettings>"
                        + "<lockSessionsToIp>false</lockSessionsToIp></sessionSettings>");
    }

    private static String range(String start, String end) {
        return "<ipRanges><description>r</description><end>" + end + "</end><start>" + start + "</start></ipRanges>";
    }

    private Zip securityZip(String ranges) {
        return new Zip().add("Settings", "Security", "settings/Security.settings", security(ranges));
    }

    @Test
    void a_network_access_deploy_replaces_every_trusted_range() {
        assertTrue(deploy(securityZip(range("10.0.0.1", "10.0.0.9") + range("192.168.1.0", "192.168.1.255")))
                .success());
        assertEquals(2, org.metadata().trustedIpRanges().size());

        assertTrue(deploy(securityZip(range("203.0.113.16", "203.0.113.31"))).success());

        assertEquals(
                List.of(new IpRange("203.0.113.16", "203.0.113.31", "r")),
                org.metadata().trustedIpRanges());
        assertEquals(Boolean.FALSE, org.metadata().settings("Security").get("lockSessionsToIp"));
        assertTrue(deploy(securityZip("")).success());
        assertEquals(List.of(), org.metadata().trustedIpRanges());
    }

    @Test
    void a_range_over_two_to_the_25_reversed_or_mixed_family_is_rejected_and_the_old_ranges_stay() {
        assertTrue(deploy(securityZip(range("10.0.0.1", "10.0.0.9"))).success());

        String tooBig = deploy(securityZip(range("10.0.0.0", "12.0.0.0")))
                .failures()
                .get(0)
                .problem();
        String reversed = deploy(securityZip(range("10.0.0.9", "10.0.0.1")))
                .failures()
                .get(0)
                .problem();
        String mixed =
                deploy(securityZip(range("10.0.0.1", "::1"))).failures().get(0).problem();

        assertTrue(tooBig.contains("too large") && tooBig.contains("33,554,432"), tooBig);
        assertTrue(reversed.contains("starts after it ends"), reversed);
        assertTrue(mixed.contains("mixes IPv4 and IPv6"), mixed);
        assertTrue(deploy(securityZip(range("10.0.0.0", "11.255.255.255"))).success(), "exactly 2^25 is allowed");
    }

    private static String eca(String name) {
        return xml(
                "ExternalClientApplication",
                "<contactEmail>s@example.com</contactEmail><distributionState>Local"
                        + "</distributionState><isProtected>false</isProtected><label>" + name + "</label>");
    }

    private static String policies(String app, String ps) {
        return xml(
                "ExtlClntAppOauthConfigurablePolicies",
                "<commaSeparatedPermissionSet>" + ps
                        + "</commaSeparatedPermissionSet><externalClientApplication>" + app
                        + "</externalClientApplication>"
                        + "<ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType><label>p</label><permittedUsersPolicyType>"
                        + "AdminApprovedPreAuthorized</permittedUsersPolicyType><refreshTokenPolicyType>SpecificLifetime"
                        + "</refreshTokenPolicyType><refreshTokenValidityPeriod>8</refreshTokenValidityPeriod>"
                        + "<refreshTokenValidityUnit>Hours</refreshTokenValidityUnit>");
    }

    @Test
    void an_eca_satellite_whose_parent_is_neither_in_the_org_nor_in_the_deploy_fails() {
        Zip z = new Zip()
                .add(
                        "ExtlClntAppOauthSettings",
                        "Ghost_oauth",
                        "extlClntAppOauthSettings/Ghost_oauth.ecaOauth",
                        xml(
                                "ExtlClntAppOauthSettings",
                                "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>"
                                        + "<externalClientApplication>Ghost</externalClientApplication><label>g</label>"));

        DeployOutcome out = deploy(z);

        assertFalse(out.success());
        assertTrue(out.failures().get(0).problem().contains("no ExternalClientApplication named Ghost"));
    }

    @Test
    void an_eca_with_its_satellites_in_one_deploy_lands_in_the_org_with_the_pre_authorizing_permission_set() {
        Zip z = new Zip()
                .add("ExternalClientApplication", "Scanner", "externalClientApps/Scanner.eca", eca("Scanner"))
                .add(
                        "ExtlClntAppOauthConfigurablePolicies",
                        "Scanner_plcy",
                        "extlClntAppOauthPolicies/Scanner_plcy.ecaOauthPlcy",
                        policies("Scanner", "Scanner_Access"))
                .add(
                        "ExtlClntAppOauthSettings",
                        "Scanner_oauth",
                        "extlClntAppOauthSettings/Scanner_oauth.ecaOauth",
                        xml(
                                "ExtlClntAppOauthSettings",
                                "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>"
                                        + "<externalClientApplication>Scanner</externalClientApplication><label>o</label>"));
        permissionSet(z, "Scanner_Access", "");

        DeployOutcome out = deploy(z);

        assertTrue(out.success(), () -> out.failures().toString());
        var app = org.metadata().eca("Scanner").orElseThrow();
        assertEquals(List.of("Scanner_Access"), app.policies().permissionSets());
        assertEquals("AdminApprovedPreAuthorized", app.policies().permittedUsersPolicyType());
        assertEquals(List.of("Api"), app.oauth().scopes());
    }

    @Test
    void a_pre_authorizing_permission_set_must_exist_and_must_not_carry_the_api_integration_license() {
        Zip missing = new Zip()
                .add("ExternalClientApplication", "S", "externalClientApps/S.eca", eca("S"))
                .add(
                        "ExtlClntAppOauthConfigurablePolicies",
                        "S_p",
                        "extlClntAppOauthPolicies/S_p.ecaOauthPlcy",
                        policies("S", "Nope"));
        DeployOutcome missingOut = deploy(missing);
        assertTrue(
                missingOut.failures().get(0).problem().contains("no PermissionSet named Nope"), missingOut::toString);

        Zip licensed = new Zip()
                .add("ExternalClientApplication", "S", "externalClientApps/S.eca", eca("S"))
                .add(
                        "ExtlClntAppOauthConfigurablePolicies",
                        "S_p",
                        "extlClntAppOauthPolicies/S_p.ecaOauthPlcy",
                        policies("S", "Api_Int"));
        permissionSet(licensed, "Api_Int", "<license>Salesforce API Integration</license>" + userPerm("ApiEnabled"));
        String problem = deploy(licensed).failures().get(0).problem();
        assertTrue(problem.contains("can't pre-authorize"), problem);
        assertTrue(org.metadata().eca("S").isEmpty());
    }

    @Test
    void platform_events_settings_and_custom_metadata_records_become_schema_and_rows() {
        Zip z = new Zip()
                .add(
                        "CustomObject",
                        "Scan_Event__e",
                        "objects/Scan_Event__e.object",
                        xml(
                                "CustomObject",
                                "<eventType>HighVolume</eventType><label>Scan Event</label><pluralLabel>Scan Events</pluralLabel>"
                                        + "<publishBehavior>PublishAfterCommit</publishBehavior><fields><fullName>Change__c</fullName>"
                                        + "<label>Change</label><length>10</length><type>Text</type></fields>"))
                .add(
                        "CustomObject",
                        "Warden_Settings__c",
                        "objects/Warden_Settings__c.object",
                        xml(
                                "CustomObject",
                                "<customSettingsType>Hierarchy</customSettingsType><label>Warden Settings</label><fields><fullName>"
                                        + "Capture_Disabled__c</fullName><defaultValue>false</defaultValue><label>C</label><type>Checkbox"
                                        + "</type></fields>"))
                .add(
                        "CustomObject",
                        "Policy__mdt",
                        "objects/Policy__mdt.object",
                        xml(
                                "CustomObject",
                                "<label>Policy</label><pluralLabel>Policies</pluralLabel><fields><fullName>Enabled__c</fullName>"
                                        + "<defaultValue>true</defaultValue><label>E</label><type>Checkbox</type></fields>"))
                .add(
                        "CustomMetadata",
                        "Policy.Files",
                        "customMetadata/Policy.Files.md",
                        "<?xml version=\"1.0\"?>"
                                + "<CustomMetadata " + NS + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><label>Files</label><protected>false</protected>"
                                + "<values><field>Enabled__c</field><value xsi:type=\"xsd:boolean\">true</value></values></CustomMetadata>");

        DeployOutcome out = deploy(z);

        assertTrue(out.success(), () -> out.failures().toString());
        assertEquals(
                dev.warden.localorg.model.ObjectKind.PLATFORM_EVENT,
                org.schema().get("Scan_Event__e").kind());
        assertEquals(
                dev.warden.localorg.model.ObjectKind.CUSTOM_SETTING,
                org.schema().get("Warden_Settings__c").kind());
        Record policy = org.db().findOne("Policy__mdt", "DeveloperName", "Files");
        assertEquals(Boolean.TRUE, policy.get("Enabled__c"));
    }

    @Test
    void a_trigger_is_stored_with_its_object_and_events_and_a_standard_volume_event_is_refused() {
        Zip z = new Zip()
                .add(
                        "ApexTrigger",
                        "Cap",
                        "triggers/Cap.trigger",
                        "trigger Cap on ContentVersion (after insert, after update) { System.debug('x'); }")
                .file(
                        "triggers/Cap.trigger-meta.xml",
                        xml("ApexTrigger", "<apiVersion>62.0</apiVersion><status>Active</status>"));
        assertTrue(deploy(z).success());
        Record t = org.db().findOne("ApexTrigger", "Name", "Cap");
        assertEquals("ContentVersion", t.get("TableEnumOrId"));
        assertEquals("Active", t.get("Status"));
        assertTrue(t.is("UsageAfterInsert") && t.is("UsageAfterUpdate") && !t.is("UsageBeforeInsert"));

        Zip old = new Zip()
                .add(
                        "CustomObject",
                        "Old__e",
                        "objects/Old__e.object",
                        xml(
                                "CustomObject",
                                "<eventType>StandardVolume</eventType><label>Old</label><pluralLabel>Olds</pluralLabel>"));
        assertFalse(deploy(old).success());
    }

    @Test
    void a_malformed_file_and_a_missing_file_fail_with_where_and_what() {
        Zip z = new Zip()
                .add(
                        "CustomPermission",
                        "Broken",
                        "customPermissions/Broken.customPermission",
                        "<CustomPermission " + NS + "><label>")
                .add("CustomPermission", "Absent", null, "");

        DeployOutcome out = deploy(z);

        assertEquals(2, out.failures().size());
        ComponentResult broken = out.failures().stream()
                .filter(r -> r.fullName().equals("Broken"))
                .findFirst()
                .orElseThrow();
        assertTrue(broken.problem().startsWith("Error parsing file"), broken.problem());
        assertNotNull(broken.lineNumber());
        assertTrue(out.failures().stream()
                .filter(r -> r.fullName().equals("Absent"))
                .findFirst()
                .orElseThrow()
                .problem()
                .contains("was not found in zipped directory"));
        assertEquals(Set.of(), Set.copyOf(org.db().rows("CustomPermission", false)));
    }

    @Test
    void the_real_force_app_deploys_and_deploying_it_again_converges() throws Exception {
        byte[] zip = ForceAppPackage.zip();

        DeployOutcome first = deploy(zip);
        DeployOutcome second = deploy(zip);

        assertTrue(first.success(), () -> first.failures().toString());
        assertTrue(second.success(), () -> second.failures().toString());
        assertEquals(first.successes().size(), second.successes().size());
        assertTrue(
                second.successes().stream()
                        .filter(r -> !r.fileName().equals("package.xml"))
                        .noneMatch(r -> r.componentType().equals("ApexClass") && r.created()),
                "the second deploy changes, never creates");
        assertEquals(4, org.db().rows("Protection_Policy__mdt", false).size());
        assertEquals(
                List.of("Warden_Scanner_Access"),
                org.metadata().eca("Warden_Scanner").orElseThrow().policies().permissionSets());
        assertTrue(org.metadata()
                .readPermissionSet("Warden_Query_All_Files")
                .orElseThrow()
                .userPermissions()
                .containsAll(Set.of("QueryAllFiles", "ViewAllData")));
        assertEquals("QI-{000000}", org.schema().autoNumberFormat("Quarantine_Item__c"));
    }

    private DeployOutcome deploy(byte[] zip) {
        return DeployEngine.deploy(org, org.adminUserId(), zip, DeployEngine.Options.defaults());
    }

    private static String selfSignedPem() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair kp = g.generateKeyPair();
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=warden-test");
        var now = new java.util.Date();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                now,
                new java.util.Date(now.getTime() + 86_400_000L),
                name,
                kp.getPublic());
        var signer =
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate());
        byte[] der = builder.build(signer).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END CERTIFICATE-----";
    }

    private static String global(String app, String cert) {
        return xml(
                "ExtlClntAppGlobalOauthSettings",
                "<callbackUrl>http://localhost:1717/OauthRedirect</callbackUrl>"
                        + "<certificate>" + cert + "</certificate><consumerKey>warden-test-key</consumerKey>"
                        + "<externalClientApplication>" + app
                        + "</externalClientApplication><isConsumerSecretOptional>false"
                        + "</isConsumerSecretOptional><label>g</label>");
    }

    @Test
    void global_oauth_settings_carry_the_certificate_that_enables_jwt_bearer_and_a_bad_certificate_is_refused()
            throws Exception {
        String pem = selfSignedPem();
        Zip z = new Zip()
                .add("ExternalClientApplication", "Jwt", "externalClientApps/Jwt.eca", eca("Jwt"))
                .add(
                        "ExtlClntAppGlobalOauthSettings",
                        "Jwt_glbl",
                        "extlClntAppGlobalOauthSets/Jwt_glbl.ecaGlblOauth",
                        global("Jwt", pem));

        assertTrue(deploy(z).success());
        var g = org.metadata().ecaByConsumerKey("warden-test-key").orElseThrow().global();
        assertEquals(pem, g.certificatePem());
        assertEquals(Boolean.FALSE, g.flags().get("isConsumerSecretOptional"));

        Zip bad = new Zip()
                .add(
                        "ExtlClntAppGlobalOauthSettings",
                        "Jwt_glbl",
                        "extlClntAppGlobalOauthSets/Jwt_glbl.ecaGlblOauth",
                        global("Jwt", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"));
        assertEquals(
                "Invalid certificate: expected a PEM-encoded X.509 certificate",
                deploy(bad).failures().get(0).problem());
        assertEquals(pem, org.metadata().eca("Jwt").orElseThrow().global().certificatePem());
    }

    @Test
    void without_rollback_on_error_the_good_components_land_and_the_deploy_is_partial() {
        Zip z = new Zip();
        apexClass(z, "Good", "public class Good {}");
        apexClass(z, "Bad", "public class Bad { void x() { return 1 } }");

        DeployOutcome out =
                DeployEngine.deploy(org, org.adminUserId(), z.bytes(), new DeployEngine.Options(false, false));

        assertTrue(out.partial());
        assertEquals(1, out.failures().size());
        assertNotNull(org.db().findOne("ApexClass", "Name", "Good"));
        assertNull(org.db().findOne("ApexClass", "Name", "Bad"));
    }

    @Test
    void apex_keywords_are_case_insensitive_as_on_the_platform() {
        assertTrue(deploy(apexClass(
                        new Zip(),
                        "Shout",
                        "PUBLIC WITH SHARING CLASS Shout { Public Static Integer X() { RETURN 1; } }"))
                .success());
    }
}
