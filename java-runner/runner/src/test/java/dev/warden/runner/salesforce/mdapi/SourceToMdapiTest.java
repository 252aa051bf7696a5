package dev.warden.runner.salesforce.mdapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceToMdapiTest {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theWardenPackageConvertsWithEveryComponentListedAndObjectsMerged() throws IOException {
        var result = new SourceToMdapi(ROOT, "62.0").convert("force-app");
        assertTrue(result.converted().isPresent(), result.notConvertible());
        var pkg = result.converted().get();
        Map<String, String> zip = unzip(pkg.zip());
        assertTrue(
                zip.containsKey("classes/WardenCapture.cls") && zip.containsKey("classes/WardenCapture.cls-meta.xml"),
                "sub-folders flatten: " + zip.keySet());
        assertTrue(zip.containsKey("staticresources/WardenScenarios.resource")
                && zip.containsKey("staticresources/WardenScenarios.resource-meta.xml"));
        assertTrue(zip.containsKey("permissionsets/Warden_Admin.permissionset"));
        assertTrue(zip.containsKey("customMetadata/Protection_Policy.Attachment.md"));
        assertFalse(
                zip.keySet().stream().anyMatch(k -> k.contains("extlClntAppGlobalOauthSets")),
                ".forceignore excludes the generated OAuth settings");
        String object = zip.get("objects/Scan_Request__c.object");
        assertTrue(
                object.contains("<fields>")
                        && object.contains("<fullName>Status__c</fullName>")
                        && object.contains("<listViews>"),
                object);
        assertTrue(
                object.indexOf("<visibility>") < object.indexOf("<fields>")
                        && object.lastIndexOf("<fields>") < object.indexOf("<listViews>"),
                "the object's own elements, then fields, then list views, as sf project convert source writes them");
        assertTrue(pkg.members().get("CustomField").contains("Scan_Request__c.Status__c"));
        assertTrue(pkg.members().get("ApexTrigger").contains("WardenContentVersionCapture"));
        String packageXml = zip.get("package.xml");
        assertTrue(
                packageXml.contains("<name>CustomObject</name>") && packageXml.contains("<version>62.0</version>"),
                packageXml);
        assertEquals(
                "force-app/main/default/classes/capture/WardenCapture.cls",
                pkg.sourceOf("classes/WardenCapture.cls", "WardenCapture"));
        assertEquals(
                "force-app/main/default/objects/Scan_Request__c/fields/Status__c.field-meta.xml",
                pkg.sourceOf("objects/Scan_Request__c.object", "Scan_Request__c.Status__c"));
    }

    @Test
    void aTypeTheConverterDoesNotKnowIsLeftToSf() throws IOException {
        Path lwc = tmp.resolve("force-app/main/default/lwc/hello/hello.js");
        Files.createDirectories(lwc.getParent());
        Files.writeString(lwc, "export default class Hello {}\n");
        var result = new SourceToMdapi(tmp, "62.0").convert("force-app");
        assertTrue(result.converted().isEmpty());
        assertTrue(result.notConvertible().contains("lwc/hello/hello.js"), result.notConvertible());
    }

    @Test
    void aClassWithoutItsMetaFileIsNotConverted() throws IOException {
        Path cls = tmp.resolve("force-app/main/default/classes/A.cls");
        Files.createDirectories(cls.getParent());
        Files.writeString(cls, "public class A {}\n");
        var result = new SourceToMdapi(tmp, "62.0").convert("force-app");
        assertTrue(result.notConvertible().contains("A.cls-meta.xml"), result.notConvertible());
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
