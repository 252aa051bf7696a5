package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's force-app deployed by the test (the real sf CLI), then its Apex REST class called. */
@WardenTest
class DeployAndApexRestTest {

    static Path project(Path dir) throws Exception {
        Files.writeString(
                dir.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}],\"sourceApiVersion\":\"62.0\"}");
        Path classes = Files.createDirectories(dir.resolve("force-app/main/default/classes"));
        Files.writeString(classes.resolve("GreetingRest.cls"), """
                @RestResource(urlMapping='/greeting/*')
                global with sharing class GreetingRest {
                    @HttpPost
                    global static void greet() {
                        Map<String, Object> body = (Map<String, Object>) JSON.deserializeUntyped(RestContext.request.requestBody.toString());
                        String name = (String) body.get('name');
                        insert new Account(Name = 'Greeted ' + name);
                        RestContext.response.statusCode = 200;
                        RestContext.response.responseBody = Blob.valueOf(JSON.serialize(new Map<String, Object>{ 'greeting' => 'Hello, ' + name }));
                    }
                }
                """);
        Files.writeString(
                classes.resolve("GreetingRest.cls-meta.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n");
        Path widget = Files.createDirectories(dir.resolve("force-app/main/default/objects/Widget__c/fields"));
        Files.writeString(widget.getParent().resolve("Widget__c.object-meta.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
                    <deploymentStatus>Deployed</deploymentStatus>
                    <label>Widget</label>
                    <nameField><label>Widget Name</label><type>Text</type></nameField>
                    <pluralLabel>Widgets</pluralLabel>
                    <sharingModel>ReadWrite</sharingModel>
                </CustomObject>
                """);
        Files.writeString(widget.resolve("Code__c.field-meta.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
                    <fullName>Code__c</fullName>
                    <externalId>true</externalId>
                    <label>Code</label>
                    <length>20</length>
                    <type>Text</type>
                    <unique>true</unique>
                </CustomField>
                """);
        return dir;
    }

    @Test
    void aDeployedRestClassAnswersAnUpsertByExternalIdCreatesThenUpdates(TestOrg org, @TempDir Path dir)
            throws Exception {
        org.deploy(project(dir));
        org.cleanup().addQuery("SELECT Id FROM Account WHERE Name = 'Greeted Ada'");
        ApexRest.Answer a = org.apex().post("greeting/v1", Map.of("name", "Ada"));
        assertEquals(200, a.status(), String.valueOf(a.body()));
        assertEquals("Hello, Ada", a.body().path("greeting").asText(), a.body().toString());
        assertEquals(
                1,
                org.records()
                        .query("SELECT Id FROM Account WHERE Name = 'Greeted Ada'")
                        .size());

        Records.Upserted created = org.records().upsert("Widget__c", "Code__c", "W-1", Records.fields("Name", "First"));
        Records.Upserted updated =
                org.records().upsert("Widget__c", "Code__c", "W-1", Records.fields("Name", "Renamed"));
        assertTrue(created.created() && !updated.created(), created + " " + updated);
        assertEquals(created.id(), updated.id());
        assertEquals(
                "Renamed",
                org.records().get("Widget__c", created.id()).path("Name").asText());

        ApexRest.Answer missing = org.apex().post("no-such-mapping", Map.of());
        assertEquals(404, missing.status());
        assertTrue(
                missing.body().toString().contains("NOT_FOUND"), missing.body().toString());
    }
}
