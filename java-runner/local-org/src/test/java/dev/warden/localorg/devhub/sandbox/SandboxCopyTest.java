package dev.warden.localorg.devhub.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Developer sandbox copy takes from production: metadata and setup records, never ordinary data. */
class SandboxCopyTest {
    static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

    /** A production org with a custom object (and a row), a permission set assigned to a second user, a setting. */
    static Org production() {
        Org prod = Org.seeded("admin@prod.test", Clock.systemUTC());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "objects/Widget__c.object",
                bytes("<CustomObject " + NS + "><label>Widget</label><pluralLabel>Widgets</pluralLabel>"
                        + "<nameField><label>Name</label><type>Text</type></nameField>"
                        + "<fields><fullName>Size__c</fullName><label>Size</label><type>Number</type>"
                        + "<precision>5</precision><scale>0</scale></fields></CustomObject>"));
        files.put(
                "objects/Limits__c.object",
                bytes("<CustomObject " + NS + "><customSettingsType>Hierarchy</customSettingsType><label>Limits"
                        + "</label><fields><fullName>Max__c</fullName><label>Max</label><type>Number</type>"
                        + "<precision>5</precision><scale>0</scale></fields></CustomObject>"));
        files.put(
                "permissionsets/Widget_Access.permissionset",
                bytes("<PermissionSet " + NS + "><label>Widget Access</label><objectPermissions><allowRead>true"
                        + "</allowRead><object>Widget__c</object></objectPermissions></PermissionSet>"));
        files.put(
                "package.xml",
                bytes(MdapiPackage.packageXml(
                        Map.of(
                                "CustomObject",
                                List.of("Widget__c", "Limits__c"),
                                "PermissionSet",
                                List.of("Widget_Access")),
                        "62.0")));
        DeployOutcome deployed = DeployEngine.deploy(
                prod, prod.adminUserId(), MdapiPackage.zip(files), new DeployEngine.Options(false, true));
        assertTrue(deployed.success(), deployed.failures().toString() + deployed.errorMessage());
        prod.db().insert(prod.system(), "Widget__c", Map.of("Name", "prod-only"));
        prod.db().insert(prod.system(), "Account", Map.of("Name", "Prod Account"));
        prod.db().insert(prod.system(), "Limits__c", Map.of("SetupOwnerId", prod.orgId(), "Max__c", 7));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("Username", "dev@prod.test");
        user.put("LastName", "Dev");
        user.put("Email", "dev@prod.test");
        user.put("Alias", "dev");
        user.put("TimeZoneSidKey", "America/Los_Angeles");
        user.put("LocaleSidKey", "en_US");
        user.put("EmailEncodingKey", "UTF-8");
        user.put("LanguageLocaleKey", "en_US");
        user.put("ProfileId", prod.ids().standardUserProfileId());
        String dev = prod.db().insert(prod.system(), "User", user);
        String ps = prod.db().findOne("PermissionSet", "Name", "Widget_Access").id();
        prod.db().insert(prod.system(), "PermissionSetAssignment", Map.of("PermissionSetId", ps, "AssigneeId", dev));
        return prod;
    }

    @Test
    void aDeveloperSandboxGetsProductionsMetadataAndSetupRecordsButNotItsData() {
        Org prod = production();
        Org sandbox = Org.seeded("admin@prod.test.sbx1", Clock.systemUTC());

        SandboxCopy.Copied copied = SandboxCopy.copy(prod, sandbox, "sbx1");

        assertNotNull(sandbox.schema().get("Widget__c"), "the custom object is copied");
        assertNotNull(sandbox.schema().get("Widget__c").field("Size__c"));
        assertTrue(sandbox.db().rows("Widget__c", false).isEmpty(), "its records are not");
        assertTrue(sandbox.db().findBy("Account", "Name", "Prod Account").isEmpty());
        Record dev = sandbox.db().findOne("User", "Username", "dev@prod.test.sbx1");
        assertNotNull(dev, "users are copied under <username>.<sandbox name>");
        assertEquals("dev@prod.test.invalid", dev.get("Email"));
        assertEquals(
                "Standard User", sandbox.db().live(dev.getString("ProfileId")).get("Name"));
        String ps =
                sandbox.db().findOne("PermissionSet", "Name", "Widget_Access").id();
        assertTrue(sandbox.db().rows("PermissionSetAssignment", false).stream()
                .anyMatch(a -> ps.equals(a.get("PermissionSetId")) && dev.id().equals(a.get("AssigneeId"))));
        Record limits = sandbox.db().rows("Limits__c", false).get(0);
        assertEquals(sandbox.orgId(), limits.get("SetupOwnerId"));
        assertEquals(
                0,
                new java.math.BigDecimal("7")
                        .compareTo(new java.math.BigDecimal(limits.get("Max__c").toString())));
        assertNotEquals(prod.orgId(), sandbox.orgId());
        assertEquals(1, copied.users());
        assertEquals(1, copied.assignments());
        assertEquals(1, copied.settingRecords());
        assertTrue(copied.components() >= 3, copied.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
