package dev.warden.localorg.devhub.packaging.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.metadata.MdapiPackage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A managed package's metadata as it lands in a subscriber org: its own custom names carry the namespace. */
class NamespacerTest {
    private static final String OBJECT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Scan Request</label>
                <fields><fullName>Status__c</fullName><type>Text</type><length>20</length></fields>
                <fields><fullName>Parent__c</fullName><type>Lookup</type><referenceTo>Scan_Request__c</referenceTo>
                    <relationshipName>Children</relationshipName></fields>
                <fields><fullName>Owner_Note__c</fullName><type>Text</type><length>20</length></fields>
                <listViews><fullName>All</fullName><columns>Status__c</columns><columns>NAME</columns></listViews>
            </CustomObject>
            """;
    private static final String PERMISSION_SET = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Integration</label>
                <classAccesses><apexClass>WardenRest</apexClass><enabled>true</enabled></classAccesses>
                <fieldPermissions><field>Scan_Request__c.Status__c</field><readable>true</readable></fieldPermissions>
                <fieldPermissions><field>Account.Description</field><readable>true</readable></fieldPermissions>
                <objectPermissions><object>Scan_Request__c</object><allowRead>true</allowRead></objectPermissions>
            </PermissionSet>
            """;
    private static final String CMDT_RECORD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Files</label>
                <values><field>Object_Name__c</field><value>ContentVersion</value></values>
            </CustomMetadata>
            """;

    private static MdapiPackage pkg(String objectXml) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("objects/Scan_Request__c.object", objectXml.getBytes(StandardCharsets.UTF_8));
        files.put("objects/Policy__mdt.object", """
                <?xml version="1.0" encoding="UTF-8"?>
                <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Policy</label>
                <fields><fullName>Object_Name__c</fullName><type>Text</type><length>80</length></fields>
                </CustomObject>
                """.getBytes(StandardCharsets.UTF_8));
        files.put("permissionsets/Warden_Integration.permissionset", PERMISSION_SET.getBytes(StandardCharsets.UTF_8));
        files.put("customMetadata/Policy.Files.md", CMDT_RECORD.getBytes(StandardCharsets.UTF_8));
        files.put("classes/WardenRest.cls", "public class WardenRest { Scan_Request__c r; }".getBytes());
        files.put(
                "package.xml",
                MdapiPackage.packageXml(
                                Map.of(
                                        "CustomObject", List.of("Scan_Request__c", "Policy__mdt"),
                                        "CustomField",
                                                List.of("Scan_Request__c.Status__c", "Policy__mdt.Object_Name__c"),
                                        "PermissionSet", List.of("Warden_Integration"),
                                        "CustomMetadata", List.of("Policy.Files"),
                                        "ApexClass", List.of("WardenRest")),
                                "62.0")
                        .getBytes(StandardCharsets.UTF_8));
        return MdapiPackage.read(MdapiPackage.zip(files));
    }

    @Test
    void customObjectsFieldsAndTheirReferencesCarryTheNamespace() throws Exception {
        Namespacer.Rewritten r = Namespacer.rewrite(pkg(OBJECT), "wdn");
        MdapiPackage out = MdapiPackage.read(r.zip());

        String object = new String(out.file("objects/wdn__Scan_Request__c.object"), StandardCharsets.UTF_8);
        assertTrue(object.contains("<fullName>wdn__Status__c</fullName>"), object);
        assertTrue(object.contains("<referenceTo>wdn__Scan_Request__c</referenceTo>"), object);
        assertTrue(object.contains("<columns>wdn__Status__c</columns>") && object.contains("<columns>NAME</columns>"));
        assertTrue(object.contains("<relationshipName>Children</relationshipName>"), object);

        String ps = new String(out.file("permissionsets/Warden_Integration.permissionset"), StandardCharsets.UTF_8);
        assertTrue(ps.contains("<field>wdn__Scan_Request__c.wdn__Status__c</field>"), ps);
        assertTrue(ps.contains("<field>Account.Description</field>"), ps);
        assertTrue(ps.contains("<object>wdn__Scan_Request__c</object>"), ps);
        assertTrue(ps.contains("<apexClass>WardenRest</apexClass>"), "classes keep their name: " + ps);

        String record = new String(out.file("customMetadata/wdn__Policy.Files.md"), StandardCharsets.UTF_8);
        assertTrue(record.contains("<field>wdn__Object_Name__c</field>"), record);
        assertTrue(record.contains("<value>ContentVersion</value>"), record);

        assertEquals(
                "public class WardenRest { Scan_Request__c r; }",
                new String(out.file("classes/WardenRest.cls"), StandardCharsets.UTF_8),
                "Apex is not rewritten: its names resolve inside the namespace at run time");
        assertEquals(
                List.of("wdn__Policy__mdt", "wdn__Scan_Request__c"), r.members().get("CustomObject"));
        assertEquals(
                List.of("wdn__Policy__mdt.wdn__Object_Name__c", "wdn__Scan_Request__c.wdn__Status__c"),
                r.members().get("CustomField"));
        assertEquals(List.of("wdn__Policy.Files"), r.members().get("CustomMetadata"));
        assertEquals(List.of("Warden_Integration"), r.members().get("PermissionSet"));
    }

    @Test
    void aFormulaIsRefusedRatherThanLeftPointingAtBareNames() throws Exception {
        String withFormula = OBJECT.replace(
                "<fields><fullName>Owner_Note__c</fullName><type>Text</type><length>20</length></fields>",
                "<fields><fullName>Owner_Note__c</fullName><type>Text</type><formula>Status__c</formula></fields>");
        Namespacer.NotSupported e =
                assertThrows(Namespacer.NotSupported.class, () -> Namespacer.rewrite(pkg(withFormula), "wdn"));
        assertTrue(e.getMessage().startsWith("not supported by the local org: formulas"), e.getMessage());
    }
}
