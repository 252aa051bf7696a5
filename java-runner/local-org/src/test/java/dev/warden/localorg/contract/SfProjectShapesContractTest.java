package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What public SFDX projects are made of (measured with scripts/bench/projects), in metadata written here: Apex naming
 * platform types the runtime knows by name only (PageReference, ApexPages, a change event), a custom metadata type
 * with relationships to EntityDefinition and FieldDefinition and a record, read back through
 * {@code Target_Object__r.QualifiedApiName}. The real sf deploys it in one call, runs Apex over it and retrieves the
 * record file back unchanged.
 */
class SfProjectShapesContractTest {
    private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
    private static final String SRC = "force-app/main/default/";
    static LocalOrgServer server;
    static SfCli sf;
    static Path project;

    @BeforeAll
    static void login() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        sf.loginAsAdmin(server, "shapes");
        project = sf.project();
        sf.write("sfdx-project.json", SfCli.FORCE_APP_PROJECT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String meta(String root, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " " + NS + ">\n" + body + "</" + root + ">\n";
    }

    private static final String RECORD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CustomMetadata " + NS
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
            + "    <label>Naming</label>\n    <protected>false</protected>\n"
            + "    <values>\n        <field>Target_Object__c</field>\n"
            + "        <value xsi:type=\"xsd:string\">Account</value>\n    </values>\n"
            + "    <values>\n        <field>Target_Field__c</field>\n"
            + "        <value xsi:type=\"xsd:string\">Name</value>\n    </values>\n</CustomMetadata>\n";

    @Test
    void aProjectNamingPlatformTypesAndDefinitionRelationshipsDeploysInOneCallRunsAndRetrievesEqual() throws Exception {
        String classMeta = meta("ApexClass", "    <apiVersion>62.0</apiVersion>\n    <status>Active</status>\n");
        sf.write(
                SRC + "classes/PageController.cls",
                "public with sharing class PageController {\n"
                        + "    public PageReference refresh() {\n"
                        + "        Id contactId = ApexPages.currentPage().getParameters().get('Id');\n"
                        + "        return Page.contactPage;\n"
                        + "    }\n"
                        + "    public static Boolean flag(String s) { return Boolean.valueOf(s); }\n"
                        + "    public static AccountChangeEvent event() { return new AccountChangeEvent(Name = 'x'); }\n"
                        + "}\n");
        sf.write(SRC + "classes/PageController.cls-meta.xml", classMeta);
        sf.write(
                SRC + "classes/RuleReader.cls",
                "public with sharing class RuleReader {\n"
                        + "    public static String targets() {\n"
                        + "        Rule__mdt r = [SELECT Target_Object__r.QualifiedApiName, Target_Field__r.QualifiedApiName"
                        + " FROM Rule__mdt LIMIT 1];\n"
                        + "        return r.Target_Object__r.QualifiedApiName + ' ' + r.Target_Field__r.QualifiedApiName;\n"
                        + "    }\n"
                        + "}\n");
        sf.write(SRC + "classes/RuleReader.cls-meta.xml", classMeta);
        sf.write(
                SRC + "objects/Rule__mdt/Rule__mdt.object-meta.xml",
                meta(
                        "CustomObject",
                        "    <label>Rule</label>\n    <pluralLabel>Rules</pluralLabel>\n"
                                + "    <visibility>Public</visibility>\n"));
        sf.write(
                SRC + "objects/Rule__mdt/fields/Target_Object__c.field-meta.xml",
                meta(
                        "CustomField",
                        "    <fullName>Target_Object__c</fullName>\n    <label>Target Object</label>\n"
                                + "    <referenceTo>EntityDefinition</referenceTo>\n"
                                + "    <type>MetadataRelationship</type>\n"));
        sf.write(
                SRC + "objects/Rule__mdt/fields/Target_Field__c.field-meta.xml",
                meta(
                        "CustomField",
                        "    <fullName>Target_Field__c</fullName>\n    <label>Target Field</label>\n"
                                + "    <metadataRelationshipControllingField>Rule__mdt.Target_Object__c"
                                + "</metadataRelationshipControllingField>\n"
                                + "    <referenceTo>FieldDefinition</referenceTo>\n"
                                + "    <type>MetadataRelationship</type>\n"));
        sf.write(SRC + "customMetadata/Rule.Naming.md-meta.xml", RECORD);

        SfCli.Result deploy = sf.run(
                "project", "deploy", "start", "-o", "shapes", "--source-dir", "force-app", "--wait", "5", "--json");
        JsonNode d = deploy.json();
        assertEquals("Succeeded", d.path("result").path("status").asText(), deploy.stdout() + deploy.stderr());

        Path apex = project.resolve("run.apex");
        Files.writeString(apex, "System.debug(RuleReader.targets());\n");
        JsonNode ran = sf.run("apex", "run", "--file", apex.toString(), "-o", "shapes", "--json")
                .json();
        assertTrue(ran.path("result").path("logs").asText().contains("|DEBUG|Account Name"), ran.toString());

        Path recordFile = project.resolve(SRC + "customMetadata/Rule.Naming.md-meta.xml");
        Files.delete(recordFile);
        SfCli.Result retrieve = sf.run(
                "project", "retrieve", "start", "-o", "shapes", "--metadata", "CustomMetadata:Rule.Naming", "--json");
        assertEquals(0, retrieve.exit(), retrieve.stdout() + retrieve.stderr());
        assertEquals(
                RECORD.replaceAll("\\s+", ""),
                Files.readString(recordFile).replaceAll("\\s+", ""),
                "the record file comes back as deployed (up to sf's whitespace)");
    }
}
