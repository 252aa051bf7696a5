package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real sf CLI deploying, retrieving, listing and deleting metadata types beyond the ones the org models: bundles
 * (LWC, Aura), stored-only types (labels, a Flow, a FlexiPage), a single-field deploy, destructive changes,
 * validate + quick deploy and a failing deploy that names every broken component at once. All metadata here is
 * written for this test. One sf project, one login; the steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SfMetadataContractTest {
    private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
    static LocalOrgServer server;
    static SfCli sf;
    static Path project;

    @BeforeAll
    static void loginAndCreateProject() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        sf.loginAsAdmin(server, "md");
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

    private static final String SRC = "force-app/main/default/";

    private static SfCli.Result deploy(String... args) {
        List<String> all = new ArrayList<>(List.of("project", "deploy", "start", "-o", "md", "--wait", "5", "--json"));
        all.addAll(List.of(args));
        return sf.run(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void org_list_metadata_types_answers_from_the_catalogue() {
        SfCli.Result r = sf.run("org", "list", "metadata-types", "-o", "md", "--json");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        JsonNode lwc = null;
        JsonNode object = null;
        for (JsonNode t : r.json().path("result").path("metadataObjects")) {
            if (t.path("xmlName").asText().equals("LightningComponentBundle")) {
                lwc = t;
            }
            if (t.path("xmlName").asText().equals("CustomObject")) {
                object = t;
            }
        }
        assertNotNull(lwc, r.stdout());
        assertEquals("lwc", lwc.path("directoryName").asText());
        assertTrue(object.path("childXmlNames").toString().contains("CustomField"), object.toString());
    }

    @Test
    @Order(2)
    void bundles_and_stored_only_types_deploy_and_retrieve_back_unchanged() throws Exception {
        sf.write(
                SRC + "lwc/helloCard/helloCard.js",
                "import { LightningElement, api } from 'lwc';\nimport { shout } from"
                        + " './lib/shout';\n\nexport default class HelloCard extends LightningElement {\n    @api name = 'world';\n"
                        + "    get greeting() {\n        return shout(`Hello ${this.name}`);\n    }\n}\n");
        sf.write(
                SRC + "lwc/helloCard/helloCard.html",
                "<template>\n    <p class=\"greeting\">{greeting}</p>\n</template>\n");
        sf.write(SRC + "lwc/helloCard/helloCard.css", ".greeting {\n    font-weight: bold;\n}\n");
        sf.write(SRC + "lwc/helloCard/lib/shout.js", "export function shout(text) {\n    return `${text}!`;\n}\n");
        sf.write(
                SRC + "lwc/helloCard/helloCard.js-meta.xml",
                meta(
                        "LightningComponentBundle",
                        "    <apiVersion>62.0</apiVersion>\n    <isExposed>true</isExposed>\n    <targets>\n"
                                + "        <target>lightning__RecordPage</target>\n    </targets>\n"));
        sf.write(
                SRC + "aura/helloAura/helloAura.cmp",
                "<aura:component implements=\"flexipage:availableForAllPageTypes\">\n"
                        + "    <aura:attribute name=\"count\" type=\"Integer\" default=\"0\"/>\n"
                        + "    <lightning:button label=\"Add\" onclick=\"{!c.add}\"/> {!v.count}\n</aura:component>\n");
        sf.write(
                SRC + "aura/helloAura/helloAuraController.js",
                "({\n    add: function (component) {\n"
                        + "        component.set('v.count', component.get('v.count') + 1);\n    }\n})\n");
        sf.write(
                SRC + "aura/helloAura/helloAura.cmp-meta.xml",
                meta(
                        "AuraDefinitionBundle",
                        "    <apiVersion>62.0</apiVersion>\n    <description>Counts clicks</description>\n"));
        sf.write(
                SRC + "labels/CustomLabels.labels-meta.xml",
                meta(
                        "CustomLabels",
                        "    <labels>\n"
                                + "        <fullName>Greeting_Title</fullName>\n        <language>en_US</language>\n"
                                + "        <protected>false</protected>\n        <shortDescription>Greeting title</shortDescription>\n"
                                + "        <value>Hello there</value>\n    </labels>\n"));
        sf.write(
                SRC + "flows/Stamp_Note.flow-meta.xml",
                meta(
                        "Flow",
                        "    <apiVersion>62.0</apiVersion>\n"
                                + "    <label>Stamp Note</label>\n    <processType>AutoLaunchedFlow</processType>\n"
                                + "    <start>\n        <locationX>50</locationX>\n        <locationY>0</locationY>\n    </start>\n"
                                + "    <status>Draft</status>\n"));
        sf.write(
                SRC + "flexipages/Hello_Page.flexipage-meta.xml",
                meta(
                        "FlexiPage",
                        "    <flexiPageRegions>\n"
                                + "        <name>main</name>\n        <type>Region</type>\n    </flexiPageRegions>\n"
                                + "    <masterLabel>Hello Page</masterLabel>\n    <type>AppPage</type>\n"));

        SfCli.Result deployed = deploy("--source-dir", "force-app");
        assertEquals(0, deployed.exit(), deployed.stdout() + deployed.stderr());

        SfCli.Result retrieved = sf.run(
                "project",
                "retrieve",
                "start",
                "-o",
                "md",
                "--json",
                "--output-dir",
                "back",
                "--metadata",
                "LightningComponentBundle:helloCard",
                "--metadata",
                "AuraDefinitionBundle:helloAura",
                "--metadata",
                "CustomLabels:CustomLabels",
                "--metadata",
                "Flow:Stamp_Note",
                "--metadata",
                "FlexiPage:Hello_Page");
        assertEquals(0, retrieved.exit(), retrieved.stdout() + retrieved.stderr());
        List<String> differences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project.resolve(SRC))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = project.resolve(SRC).relativize(p).toString();
                Path back = findUnder(project.resolve("back"), rel);
                if (back == null
                        || !Files.readString(back)
                                .strip()
                                .equals(Files.readString(p).strip())) {
                    differences.add(rel + (back == null ? " (missing)" : " (differs)"));
                }
            }
        }
        assertEquals(List.of(), differences, retrieved.stdout());
    }

    private static Path findUnder(Path root, String rel) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().replace('\\', '/').endsWith("/" + rel))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static String object(String label, String fields) {
        return meta(
                "CustomObject",
                "    <deploymentStatus>Deployed</deploymentStatus>\n    <label>" + label
                        + "</label>\n    <nameField>\n        <label>Name</label>\n        <type>Text</type>\n    </nameField>\n"
                        + "    <pluralLabel>" + label + "s</pluralLabel>\n    <sharingModel>ReadWrite</sharingModel>\n"
                        + fields);
    }

    private static String field(String name, String type, String extra) {
        return meta(
                "CustomField",
                "    <fullName>" + name + "</fullName>\n    <label>" + name + "</label>\n" + "    <type>" + type
                        + "</type>\n" + extra);
    }

    @Test
    @Order(3)
    void a_single_field_deploy_adds_exactly_that_field_to_the_object_in_the_org() throws Exception {
        sf.write(SRC + "objects/Crate__c/Crate__c.object-meta.xml", object("Crate", ""));
        sf.write(
                SRC + "objects/Crate__c/fields/Weight__c.field-meta.xml",
                field("Weight__c", "Number", "    <precision>10</precision>\n    <scale>2</scale>\n"));
        SfCli.Result first = deploy("--source-dir", SRC + "objects");
        assertEquals(0, first.exit(), first.stdout() + first.stderr());
        sf.write(
                SRC + "objects/Crate__c/fields/Barcode__c.field-meta.xml",
                field(
                        "Barcode__c",
                        "Text",
                        "    <externalId>true</externalId>\n    <length>40</length>\n    <unique>true</unique>\n"));
        sf.write(
                SRC + "objects/Crate__c/fields/Volume__c.field-meta.xml",
                field("Volume__c", "Number", "    <precision>10</precision>\n    <scale>2</scale>\n"));

        SfCli.Result one = deploy("--metadata", "CustomField:Crate__c.Barcode__c");

        assertEquals(0, one.exit(), one.stdout() + one.stderr());
        var crate = server.org().schema().get("Crate__c");
        assertNotNull(crate.field("Barcode__c"), "the field sent is added");
        assertTrue(crate.field("Barcode__c").unique());
        assertNull(crate.field("Volume__c"), "a field not sent is not");
        assertNotNull(crate.field("Weight__c"), "fields already there stay");
    }

    @Test
    @Order(4)
    void post_destructive_changes_delete_what_they_name() throws Exception {
        sf.write(SRC + "classes/Doomed.cls", "public with sharing class Doomed {}\n");
        sf.write(
                SRC + "classes/Doomed.cls-meta.xml",
                meta("ApexClass", "    <apiVersion>62.0</apiVersion>\n" + "    <status>Active</status>\n"));
        assertEquals(0, deploy("--metadata", "ApexClass:Doomed").exit());
        assertNotNull(server.org().db().findOne("ApexClass", "Name", "Doomed"));
        sf.write(
                "destructive/destructiveChangesPost.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package " + NS
                        + ">\n    <types>\n        <members>Doomed</members>\n        <name>ApexClass</name>\n    </types>\n"
                        + "    <types>\n        <members>Stamp_Note</members>\n        <name>Flow</name>\n    </types>\n"
                        + "    <version>62.0</version>\n</Package>\n");

        sf.write(
                "destructive/package.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package " + NS + ">\n"
                        + "    <types>\n        <members>Hello_Page</members>\n        <name>FlexiPage</name>\n    </types>\n"
                        + "    <version>62.0</version>\n</Package>\n");

        SfCli.Result r = deploy(
                "--manifest",
                "destructive/package.xml",
                "--post-destructive-changes",
                "destructive/destructiveChangesPost.xml");

        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertNull(server.org().db().findOne("ApexClass", "Name", "Doomed"));
        assertTrue(dev.warden.localorg.metadata.OrgMetadataFiles.files(server.org(), "Flow", "Stamp_Note")
                .isEmpty());
        assertFalse(dev.warden.localorg.metadata.OrgMetadataFiles.files(server.org(), "FlexiPage", "Hello_Page")
                .isEmpty());
    }

    @Test
    @Order(5)
    void project_delete_source_deletes_the_component_in_the_org() {
        SfCli.Result r = sf.run(
                "project",
                "delete",
                "source",
                "-o",
                "md",
                "--json",
                "--no-prompt",
                "--wait",
                "5",
                "--metadata",
                "FlexiPage:Hello_Page");

        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(dev.warden.localorg.metadata.OrgMetadataFiles.files(server.org(), "FlexiPage", "Hello_Page")
                .isEmpty());
    }

    @Test
    @Order(6)
    void validate_then_quick_deploy_applies_the_validated_package() throws Exception {
        sf.write(SRC + "classes/Quick.cls", "public with sharing class Quick {}\n");
        sf.write(
                SRC + "classes/Quick.cls-meta.xml",
                meta("ApexClass", "    <apiVersion>62.0</apiVersion>\n" + "    <status>Active</status>\n"));
        SfCli.Result validated = sf.run(
                "project", "deploy", "validate", "-o", "md", "--wait", "5", "--json", "--metadata", "ApexClass:Quick");
        assertEquals(0, validated.exit(), validated.stdout() + validated.stderr());
        assertNull(server.org().db().findOne("ApexClass", "Name", "Quick"), "a validation applies nothing");
        String jobId = validated.json().path("result").path("id").asText();

        SfCli.Result quick =
                sf.run("project", "deploy", "quick", "-o", "md", "--wait", "5", "--json", "--job-id", jobId);

        assertEquals(0, quick.exit(), quick.stdout() + quick.stderr());
        assertNotNull(server.org().db().findOne("ApexClass", "Name", "Quick"));

        // The same over the REST deployRequest resource ({"validatedDeployRequestId": ...}).
        sf.write(SRC + "classes/QuickRest.cls", "public with sharing class QuickRest {}\n");
        sf.write(
                SRC + "classes/QuickRest.cls-meta.xml",
                meta("ApexClass", "    <apiVersion>62.0</apiVersion>\n" + "    <status>Active</status>\n"));
        Map<String, String> rest = Map.of("SF_ORG_METADATA_REST_DEPLOY", "true");
        SfCli.Result restValidated = sf.run(
                rest,
                "project",
                "deploy",
                "validate",
                "-o",
                "md",
                "--wait",
                "5",
                "--json",
                "--metadata",
                "ApexClass:QuickRest");
        assertEquals(0, restValidated.exit(), restValidated.stdout() + restValidated.stderr());
        SfCli.Result restQuick = sf.run(
                rest,
                "project",
                "deploy",
                "quick",
                "-o",
                "md",
                "--wait",
                "5",
                "--json",
                "--job-id",
                restValidated.json().path("result").path("id").asText());
        assertEquals(0, restQuick.exit(), restQuick.stdout() + restQuick.stderr());
        assertNotNull(server.org().db().findOne("ApexClass", "Name", "QuickRest"));
    }

    @Test
    @Order(7)
    void a_failing_deploy_names_every_broken_component_in_one_answer() throws Exception {
        Path broken = Files.createDirectories(project.resolve("broken/main/default"));
        sf.write("broken/main/default/classes/BadOne.cls", "public class BadOne { void x() { return 1 } }\n");
        sf.write(
                "broken/main/default/classes/BadOne.cls-meta.xml",
                meta("ApexClass", "    <apiVersion>62.0</apiVersion>\n" + "    <status>Active</status>\n"));
        sf.write(
                "broken/main/default/permissionsets/BadSet.permissionset-meta.xml",
                meta(
                        "PermissionSet",
                        "    <label>Bad Set</label>\n    <userPermissions>\n        <enabled>true</enabled>\n"
                                + "        <name>FlyToTheMoon</name>\n    </userPermissions>\n"));
        sf.write(
                "broken/main/default/flows/Bad_Flow.flow-meta.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + "<Flow " + NS + ">\n    <label>Bad</label>\n");

        SfCli.Result r = deploy("--source-dir", broken.toString());

        assertEquals(1, r.exit(), r.stdout());
        List<String> failed = new ArrayList<>();
        for (JsonNode f : r.json().path("result").path("files")) {
            if ("Failed".equals(f.path("state").asText())) {
                failed.add(f.path("type").asText() + ":" + f.path("fullName").asText());
            }
        }
        assertEquals(
                List.of("ApexClass:BadOne", "Flow:Bad_Flow", "PermissionSet:BadSet"),
                failed.stream().sorted().distinct().toList(),
                r.stdout());
        assertNull(server.org().db().findOne("ApexClass", "Name", "BadOne"));
    }
}
