package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.TriggerBatch;
import dev.warden.localorg.data.TriggerHook;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.server.LocalOrgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real sf CLI writing data: a project with two custom objects (an External ID field, a lookup with a child
 * relationship) deployed by {@code sf project deploy start}, then {@code sf data import tree} with a parent/child
 * plan and with nested files, which post to {@code composite/tree}.
 */
class SfDataImportTreeContractTest {
    private static final String MD = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
    static LocalOrgServer server;
    static SfCli sf;
    static Path project;
    static final List<String> batches = new ArrayList<>();

    @BeforeAll
    static void deployTheObjects() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        project = sf.project();
        sf.write("sfdx-project.json", SfCli.FORCE_APP_PROJECT);
        Path objects = Files.createDirectories(project.resolve("force-app/main/default/objects"));
        object(objects, "Widget__c", "Widget", "Widgets");
        field(
                objects,
                "Widget__c",
                "Code__c",
                "<label>Code</label><type>Text</type><length>40</length>"
                        + "<externalId>true</externalId><unique>false</unique>");
        object(objects, "Part__c", "Part", "Parts");
        field(
                objects,
                "Part__c",
                "Widget__c",
                "<label>Widget</label><type>Lookup</type><referenceTo>Widget__c"
                        + "</referenceTo><relationshipName>Parts</relationshipName><relationshipLabel>Parts</relationshipLabel>"
                        + "<deleteConstraint>SetNull</deleteConstraint>");
        field(
                objects,
                "Part__c",
                "Weight__c",
                "<label>Weight</label><type>Number</type><precision>18</precision>" + "<scale>2</scale>");
        sf.loginAsAdmin(server, "local");
        SfCli.Result deploy = sf.run(
                "project", "deploy", "start", "--source-dir", "force-app", "-o", "local", "--wait", "5", "--json");
        assertEquals(0, deploy.exit(), deploy.stdout() + deploy.stderr());
        server.org().db().addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                batches.add(b.operation() + " " + b.size());
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void object(Path objects, String name, String label, String plural) throws Exception {
        Path dir = Files.createDirectories(objects.resolve(name));
        Files.writeString(
                dir.resolve(name + ".object-meta.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<CustomObject " + MD + "><label>" + label + "</label><pluralLabel>" + plural
                        + "</pluralLabel>"
                        + "<nameField><label>" + label + " Name</label><type>Text</type></nameField>"
                        + "<deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel></CustomObject>");
    }

    private static void field(Path objects, String object, String name, String body) throws Exception {
        Path dir = Files.createDirectories(objects.resolve(object).resolve("fields"));
        Files.writeString(
                dir.resolve(name + ".field-meta.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + "<CustomField " + MD + "><fullName>" + name
                        + "</fullName>" + body + "</CustomField>");
    }

    @Test
    void theDeployedExternalIdFieldIsAnUpsertKey() {
        FieldDef code = server.org().schema().get("Widget__c").field("Code__c");
        assertTrue(code.externalId());
    }

    @Test
    void importTreeWithAParentChildPlanResolvesTheReferences() throws Exception {
        Files.writeString(
                project.resolve("plan-widgets.json"),
                "{\"records\":["
                        + "{\"attributes\":{\"type\":\"Widget__c\",\"referenceId\":\"WidgetRef1\"},\"Name\":\"Planned one\","
                        + "\"Code__c\":\"P-1\"},"
                        + "{\"attributes\":{\"type\":\"Widget__c\",\"referenceId\":\"WidgetRef2\"},\"Name\":\"Planned two\"}]}");
        Files.writeString(
                project.resolve("plan-parts.json"),
                "{\"records\":["
                        + "{\"attributes\":{\"type\":\"Part__c\",\"referenceId\":\"PartRef1\"},\"Name\":\"Bolt\","
                        + "\"Weight__c\":2.5,\"Widget__c\":\"@WidgetRef1\"},"
                        + "{\"attributes\":{\"type\":\"Part__c\",\"referenceId\":\"PartRef2\"},\"Name\":\"Nut\","
                        + "\"Widget__c\":\"@WidgetRef2\"}]}");
        Files.writeString(
                project.resolve("plan.json"),
                "[{\"sobject\":\"Widget__c\",\"saveRefs\":true,"
                        + "\"resolveRefs\":false,\"files\":[\"plan-widgets.json\"]},{\"sobject\":\"Part__c\",\"saveRefs\":false,"
                        + "\"resolveRefs\":true,\"files\":[\"plan-parts.json\"]}]");
        batches.clear();
        SfCli.Result r = sf.run("data", "import", "tree", "--plan", "plan.json", "-o", "local", "--json");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertEquals(4, r.json().get("result").size(), r.stdout());
        Record widget = server.org().db().findOne("Widget__c", "Code__c", "P-1");
        Record bolt = server.org().db().findOne("Part__c", "Name", "Bolt");
        assertEquals(widget.id(), bolt.get("Widget__c"));
        assertEquals(2.5, bolt.get("Weight__c"));
        assertEquals(List.of("INSERT 2"), batches, "one tree request, one batch for the two widgets");
    }

    @Test
    void importTreeWithNestedChildRecordsAndAFailureThatRollsBackTheFile() throws Exception {
        Files.writeString(
                project.resolve("nested.json"),
                "{\"records\":[{\"attributes\":{\"type\":\"Widget__c\","
                        + "\"referenceId\":\"N1\"},\"Name\":\"Nested\",\"Parts__r\":{\"records\":[{\"attributes\":"
                        + "{\"type\":\"Part__c\",\"referenceId\":\"N2\"},\"Name\":\"Gear\"}]}}]}");
        SfCli.Result ok = sf.run("data", "import", "tree", "--files", "nested.json", "-o", "local", "--json");
        assertEquals(0, ok.exit(), ok.stdout() + ok.stderr());
        Record gear = server.org().db().findOne("Part__c", "Name", "Gear");
        assertEquals(server.org().db().findOne("Widget__c", "Name", "Nested").id(), gear.get("Widget__c"));

        Files.writeString(
                project.resolve("broken.json"),
                "{\"records\":[{\"attributes\":{\"type\":\"Widget__c\","
                        + "\"referenceId\":\"B1\"},\"Name\":\"Broken parent\",\"Parts__r\":{\"records\":[{\"attributes\":"
                        + "{\"type\":\"Part__c\",\"referenceId\":\"B2\"},\"Weight__c\":1}]}}]}");
        SfCli.Result bad = sf.run("data", "import", "tree", "--files", "broken.json", "-o", "local", "--json");
        assertNotEquals(0, bad.exit());
        assertTrue((bad.stdout() + bad.stderr()).contains("REQUIRED_FIELD_MISSING"), bad.stdout() + bad.stderr());
        assertEquals(null, server.org().db().findOne("Widget__c", "Name", "Broken parent"));
    }
}
