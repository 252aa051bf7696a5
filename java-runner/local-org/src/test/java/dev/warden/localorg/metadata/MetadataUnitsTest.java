package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.DeployEngineTest.xml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unit table, the catalogue, and what each kind of unit does with a deploy, a retrieve and a delete. */
class MetadataUnitsTest {
    private final Org org = Org.seeded("admin@local.test", Clock.systemUTC());

    private DeployOutcome deploy(DeployEngineTest.Zip z) {
        return DeployEngine.deploy(org, org.adminUserId(), z.bytes(), DeployEngine.Options.defaults());
    }

    private String retrieved(String type, String member, String path) {
        byte[] b = OrgMetadataFiles.files(org, type, member).get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void every_registered_unit_has_the_layout_the_catalogue_gives_its_type() {
        for (MetadataUnit u : MetadataUnits.registered()) {
            MetadataType mine = u.type();
            MetadataType listed = MetadataCatalogue.type(u.name());
            assertNotNull(listed, u.name() + " is missing from metadata-types.tsv");
            assertEquals(listed.directoryName(), mine.directoryName(), u.name());
            assertEquals(listed.suffix(), mine.suffix(), u.name());
            assertEquals(listed.metaFile(), mine.metaFile(), u.name());
            assertEquals(listed.bundle(), mine.bundle(), u.name());
            assertEquals(listed.parent(), mine.parent(), u.name());
        }
    }

    @Test
    void a_type_without_a_unit_of_its_own_is_stored_and_comes_back_byte_for_byte() {
        String flow =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
                        + "    <!-- kept as deployed -->\n    <label>Stamp</label>\n    <status>Draft</status>\n</Flow>\n";
        DeployOutcome out = deploy(new DeployEngineTest.Zip().add("Flow", "Stamp", "flows/Stamp.flow", flow));

        assertTrue(out.success(), () -> out.failures().toString());
        assertEquals(flow, retrieved("Flow", "Stamp", "flows/Stamp.flow"));
        assertEquals(List.of("Stamp"), OrgMetadataFiles.list(org, "Flow"));
    }

    @Test
    void a_stored_type_needs_its_root_element_and_the_metadata_namespace() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add("Flow", "WrongRoot", "flows/WrongRoot.flow", xml("FlexiPage", "<masterLabel>x</masterLabel>"))
                .add("Flow", "NoNamespace", "flows/NoNamespace.flow", "<Flow><label>x</label></Flow>")
                .add("NoSuchType", "X", null, ""));

        assertFalse(out.success());
        Map<String, String> problems = new java.util.TreeMap<>();
        out.failures().forEach(f -> problems.put(f.fullName(), f.problem()));
        assertTrue(problems.get("WrongRoot").contains("Expected a Flow element"), problems.toString());
        assertTrue(problems.get("NoNamespace").contains("must use the namespace"), problems.toString());
        assertEquals("Unknown type name 'NoSuchType' specified in package.xml", problems.get("X"));
    }

    @Test
    void a_wildcard_member_stands_for_every_member_of_the_type_in_the_zip() {
        DeployEngineTest.Zip z = new DeployEngineTest.Zip()
                .add("Flow", "*", "flows/One.flow", xml("Flow", "<label>1</label>"))
                .file("flows/Two.flow", xml("Flow", "<label>2</label>"))
                .add("LightningComponentBundle", "*", "lwc/card/card.js", "export default class Card {}\n")
                .file("lwc/card/card.js-meta.xml", xml("LightningComponentBundle", "<apiVersion>62.0</apiVersion>"));

        DeployOutcome out = deploy(z);

        assertTrue(out.success(), () -> out.failures().toString());
        assertEquals(List.of("One", "Two"), OrgMetadataFiles.list(org, "Flow"));
        assertEquals(List.of("card"), OrgMetadataFiles.list(org, "LightningComponentBundle"));
    }

    @Test
    void folders_and_in_folder_members_keep_their_paths() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add("Report", "Ops", "reports/Ops-meta.xml", xml("ReportFolder", "<name>Ops</name>"))
                .add("Report", "Ops/Open_Items", "reports/Ops/Open_Items.report", xml("Report", "<name>Open</name>")));

        assertTrue(out.success(), () -> out.failures().toString());
        assertNotNull(retrieved("Report", "Ops/Open_Items", "reports/Ops/Open_Items.report"));
        assertNotNull(retrieved("Report", "Ops", "reports/Ops-meta.xml"));
    }

    @Test
    void a_bundle_keeps_every_file_including_nested_ones_and_needs_its_meta_file() {
        DeployEngineTest.Zip z = new DeployEngineTest.Zip()
                .add("LightningComponentBundle", "card", "lwc/card/card.js", "export default class Card {}\n")
                .file("lwc/card/card.html", "<template></template>\n")
                .file("lwc/card/util/format.js", "export const f = 1;\n")
                .file("lwc/card/card.js-meta.xml", xml("LightningComponentBundle", "<apiVersion>62.0</apiVersion>"))
                .add("LightningComponentBundle", "bare", "lwc/bare/bare.js", "export default class Bare {}\n");

        DeployOutcome out = deploy(z);

        assertEquals(1, out.failures().size());
        assertTrue(
                out.failures().get(0).problem().contains("has no bare.*-meta.xml"),
                out.failures().toString());
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add("LightningComponentBundle", "card", "lwc/card/card.js", "export default class Card {}\n")
                        .file("lwc/card/util/format.js", "export const f = 1;\n")
                        .file(
                                "lwc/card/card.js-meta.xml",
                                xml("LightningComponentBundle", "<apiVersion>62.0</apiVersion>")))
                .success());
        Map<String, byte[]> files = OrgMetadataFiles.files(org, "LightningComponentBundle", "card");
        assertEquals(
                List.of("lwc/card/card.js", "lwc/card/card.js-meta.xml", "lwc/card/util/format.js"),
                files.keySet().stream().sorted().toList());
        assertArrayEquals(
                "export const f = 1;\n".getBytes(StandardCharsets.UTF_8), files.get("lwc/card/util/format.js"));
    }

    private static String crate(String fields) {
        return xml("CustomObject", "<label>Crate</label><pluralLabel>Crates</pluralLabel>" + fields);
    }

    private static String field(String name, String type) {
        return "<fields><fullName>" + name + "</fullName><label>" + name + "</label><type>" + type + "</type></fields>";
    }

    @Test
    void a_field_deployed_alone_is_added_to_its_object_and_only_it() {
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add(
                                "CustomObject",
                                "Crate__c",
                                "objects/Crate__c.object",
                                crate(field("Weight__c", "Number"))))
                .success());

        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add(
                        "CustomField",
                        "Crate__c.Opened__c",
                        "objects/Crate__c.object",
                        crate(field("Opened__c", "Time") + field("Ignored__c", "Number"))));

        assertTrue(out.success(), () -> out.failures().toString());
        var crate = org.schema().get("Crate__c");
        assertNotNull(crate.field("Opened__c"));
        assertNull(crate.field("Ignored__c"));
        assertNotNull(crate.field("Weight__c"));
        String object = retrieved("CustomObject", "Crate__c", "objects/Crate__c.object");
        assertTrue(
                object.contains("Opened__c") && object.contains("Weight__c") && !object.contains("Ignored__c"), object);
        String justTheField = retrieved("CustomField", "Crate__c.Opened__c", "objects/Crate__c.object");
        assertTrue(justTheField.contains("Opened__c") && !justTheField.contains("Weight__c"), justTheField);
    }

    @Test
    void retrieved_files_keep_the_text_and_unmodelled_object_permission_settings() throws Exception {
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add(
                                "CustomObject",
                                "Crate__c",
                                "objects/Crate__c.object",
                                crate("<fields><fullName>Note__c</fullName>"
                                        + "<inlineHelpText>the user's note \uD83D\uDC1E</inlineHelpText><label>Note</label><length>20</length>"
                                        + "<type>Text</type></fields>"))
                        .add(
                                "PermissionSet",
                                "Crates",
                                "permissionsets/Crates.permissionset",
                                xml(
                                        "PermissionSet",
                                        "<label>Crates</label><objectPermissions><allowCreate>false</allowCreate><allowDelete>false"
                                                + "</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>"
                                                + "false</modifyAllRecords><object>Crate__c</object><viewAllFields>true</viewAllFields>"
                                                + "<viewAllRecords>false</viewAllRecords></objectPermissions>")))
                .success());

        String field = retrieved("CustomField", "Crate__c.Note__c", "objects/Crate__c.object");
        String set = retrieved("PermissionSet", "Crates", "permissionsets/Crates.permissionset");

        // Quotes come back escaped (&apos;), as the platform writes them; the text is the same.
        assertTrue(
                MetadataXml.parse(field.getBytes(StandardCharsets.UTF_8))
                        .getTextContent()
                        .contains("the user's note"),
                field);
        assertTrue(set.contains("<object>Crate__c</object>\n        <viewAllFields>true</viewAllFields>"), set);
        assertTrue(
                retrieved("CustomObject", "Crate__c", "objects/Crate__c.object").contains("\uD83D\uDC1E"),
                "characters outside the BMP come back as they were");
        assertTrue(retrieved("CustomField", "Crate__c.Note__c", "objects/Crate__c.object")
                .contains("\uD83D\uDC1E"));
    }

    @Test
    void a_field_on_an_object_the_org_does_not_have_fails() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add("CustomField", "Ghost__c.F__c", "objects/Ghost__c.object", crate(field("F__c", "Text"))));
        assertFalse(out.success());
        assertTrue(
                out.failures().get(0).problem().contains("Ghost__c"),
                out.failures().toString());
    }

    @Test
    void new_field_types_land_in_the_schema_geolocation_as_its_two_parts() {
        DeployOutcome out = deploy(
                new DeployEngineTest.Zip()
                        .add(
                                "CustomObject",
                                "Site__c",
                                "objects/Site__c.object",
                                crate(
                                        field("Where__c", "Location") + field("Opens__c", "Time")
                                                + field("Secret__c", "EncryptedText")
                                                + "<fields><fullName>Parent__c</fullName><label>P</label><type>Lookup"
                                                + "</type><referenceTo>User</referenceTo><relationshipName>Sites</relationshipName></fields>")));

        assertTrue(out.success(), () -> out.failures().toString());
        var site = org.schema().get("Site__c");
        assertNotNull(site.field("Where__Latitude__s"));
        assertNotNull(site.field("Where__Longitude__s"));
        assertEquals("Parent__r", site.field("Parent__c").relationshipName());
    }

    @Test
    void a_lookups_relationship_name_makes_a_child_subquery_over_the_custom_relationship_work() {
        DeployOutcome out = deploy(new DeployEngineTest.Zip()
                .add("CustomObject", "Shelf__c", "objects/Shelf__c.object", crate(""))
                .add(
                        "CustomObject",
                        "Box__c",
                        "objects/Box__c.object",
                        crate("<fields><fullName>Shelf__c</fullName>"
                                + "<label>Shelf</label><type>MasterDetail</type><referenceTo>Shelf__c</referenceTo>"
                                + "<relationshipName>Boxes</relationshipName></fields>")));
        assertTrue(out.success(), () -> out.failures().toString());
        var sys = dev.warden.localorg.data.Caller.system(org.adminUserId());
        String shelf = org.db().insert(sys, "Shelf__c", Map.of("Name", "S1"));
        org.db().insert(sys, "Box__c", Map.of("Name", "B1", "Shelf__c", shelf));
        org.db().insert(sys, "Box__c", Map.of("Name", "B2", "Shelf__c", shelf));

        var result = dev.warden.soql.Soql.query(
                "SELECT Id, (SELECT Name FROM Boxes__r) FROM Shelf__c",
                new dev.warden.localorg.query.OrgSoqlSource(org.db()),
                dev.warden.soql.QueryOptions.defaults());
        var parentName = dev.warden.soql.Soql.query(
                "SELECT Shelf__r.Name FROM Box__c WHERE Name = 'B1'",
                new dev.warden.localorg.query.OrgSoqlSource(org.db()),
                dev.warden.soql.QueryOptions.defaults());

        assertEquals(1, result.totalSize());
        assertTrue(
                String.valueOf(result.records().get(0).fields().get("Boxes__r")).contains("B2"),
                result.records().toString());
        assertTrue(
                parentName.records().get(0).fields().toString().contains("S1"),
                parentName.records().toString());
    }

    @Test
    void a_child_type_of_another_parent_merges_into_that_parent_file() {
        String labels = xml(
                "CustomLabels",
                "<labels><fullName>Hello</fullName><value>Hi</value></labels>"
                        + "<labels><fullName>Bye</fullName><value>Ciao</value></labels>");
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add("CustomLabels", "CustomLabels", "labels/CustomLabels.labels", labels))
                .success());
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add(
                                "CustomLabel",
                                "Later",
                                "labels/CustomLabels.labels",
                                xml("CustomLabels", "<labels><fullName>Later</fullName><value>Soon</value></labels>")))
                .success());

        assertEquals(List.of("Bye", "Hello", "Later"), OrgMetadataFiles.list(org, "CustomLabel"));
        String one = retrieved("CustomLabel", "Later", "labels/CustomLabels.labels");
        assertTrue(one.contains("Soon") && !one.contains("Ciao"), one);
    }

    @Test
    void destructive_changes_delete_what_they_name_and_an_absent_member_is_a_warning() {
        DeployEngineTest.apexClass(new DeployEngineTest.Zip(), "Doomed", "public class Doomed {}");
        assertTrue(deploy(DeployEngineTest.apexClass(new DeployEngineTest.Zip(), "Doomed", "public class Doomed {}")
                        .add("Flow", "Old", "flows/Old.flow", xml("Flow", "<label>Old</label>")))
                .success());
        String destructive = MdapiPackage.packageXml(
                Map.of("ApexClass", List.of("Doomed", "NeverWas"), "Flow", List.of("Old")), "62.0");

        DeployOutcome out = deploy(new DeployEngineTest.Zip().file("destructiveChangesPost.xml", destructive));

        assertTrue(out.success(), () -> out.failures().toString());
        assertNull(org.db().findOne("ApexClass", "Name", "Doomed"));
        assertTrue(OrgMetadataFiles.files(org, "Flow", "Old").isEmpty());
        ComponentResult warning = out.successes().stream()
                .filter(r -> r.fullName().equals("NeverWas"))
                .findFirst()
                .orElseThrow();
        assertEquals("Warning", warning.problemType());
        assertTrue(out.successes().stream().anyMatch(r -> r.fullName().equals("Doomed") && r.deleted()));
    }

    @Test
    void a_failed_deploy_with_destructive_changes_deletes_nothing() {
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add("Flow", "Keep", "flows/Keep.flow", xml("Flow", "<label>K</label>")))
                .success());
        DeployOutcome out = deploy(DeployEngineTest.apexClass(new DeployEngineTest.Zip(), "Bad", "public class Bad {")
                .file("destructiveChanges.xml", MdapiPackage.packageXml(Map.of("Flow", List.of("Keep")), "62.0")));

        assertFalse(out.success());
        assertFalse(OrgMetadataFiles.files(org, "Flow", "Keep").isEmpty());
    }

    @Test
    void every_broken_component_is_reported_in_one_answer() {
        DeployEngineTest.Zip z = DeployEngineTest.apexClass(
                        new DeployEngineTest.Zip(), "Bad", "public class Bad { void x() { return 1 } }")
                .add(
                        "Flow",
                        "Broken",
                        "flows/Broken.flow",
                        "<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>")
                .add(
                        "PermissionSet",
                        "Moon",
                        "permissionsets/Moon.permissionset",
                        xml("PermissionSet", "<label>Moon</label>" + DeployEngineTest.userPerm("FlyToTheMoon")));

        DeployOutcome out = deploy(z);

        assertEquals(
                List.of("Bad", "Broken", "Moon"),
                out.failures().stream().map(ComponentResult::fullName).sorted().toList());
    }

    @Test
    void the_unit_added_as_the_example_checks_its_url_and_stores_the_file() {
        DeployOutcome bad = deploy(new DeployEngineTest.Zip()
                .add(
                        "RemoteSiteSetting",
                        "Api",
                        "remoteSiteSettings/Api.remoteSite",
                        xml("RemoteSiteSetting", "<isActive>true</isActive><url>not a url</url>")));
        assertTrue(
                bad.failures().get(0).problem().startsWith("Invalid url"),
                bad.failures().toString());

        String good = xml("RemoteSiteSetting", "<isActive>true</isActive><url>https://api.example.com</url>");
        assertTrue(deploy(new DeployEngineTest.Zip()
                        .add("RemoteSiteSetting", "Api", "remoteSiteSettings/Api.remoteSite", good))
                .success());
        assertEquals(good, retrieved("RemoteSiteSetting", "Api", "remoteSiteSettings/Api.remoteSite"));
    }

    @Test
    void a_succeeded_validation_is_quick_deployed_once() throws Exception {
        try (MetadataJobs jobs = new MetadataJobs()) {
            byte[] zip = DeployEngineTest.apexClass(new DeployEngineTest.Zip(), "Quick", "public class Quick {}")
                    .bytes();
            MetadataJobs.DeployJob validation =
                    jobs.deploy(org, org.adminUserId(), zip, new DeployEngine.Options(true, true));
            while (!validation.done()) {
                Thread.sleep(10);
            }
            assertNull(org.db().findOne("ApexClass", "Name", "Quick"));

            MetadataJobs.DeployJob quick = jobs.quickDeploy(org, org.adminUserId(), validation.id);
            while (!quick.done()) {
                Thread.sleep(10);
            }

            assertEquals(MetadataJobs.Status.Succeeded, quick.status());
            assertNotNull(org.db().findOne("ApexClass", "Name", "Quick"));
            assertThrows(
                    dev.warden.localorg.data.OrgException.class,
                    () -> jobs.quickDeploy(org, org.adminUserId(), validation.id));
        }
    }
}
