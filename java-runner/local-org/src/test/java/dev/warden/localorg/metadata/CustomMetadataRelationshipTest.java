package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.DeployEngineTest.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.Soql;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A custom metadata relationship to another custom metadata type is a reference: records name their target by
 * DeveloperName, SOQL follows {@code Setting__r} and the children's relationship name.
 */
class CustomMetadataRelationshipTest {
    private final Org org = Org.seeded("admin@local.test", Clock.systemUTC());

    private static String record(String field, String value) {
        return "<?xml version=\"1.0\"?><CustomMetadata xmlns=\"http://soap.sforce.com/2006/04/metadata\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<label>r</label><protected>false</protected>"
                + (field == null
                        ? ""
                        : "<values><field>" + field + "</field><value xsi:type=\"xsd:string\">" + value
                                + "</value></values>")
                + "</CustomMetadata>";
    }

    private DeployEngineTest.Zip types() {
        return new DeployEngineTest.Zip()
                .add(
                        "CustomObject",
                        "Setting__mdt",
                        "objects/Setting__mdt.object",
                        xml("CustomObject", "<label>Setting</label><pluralLabel>Settings</pluralLabel>"))
                .add(
                        "CustomObject",
                        "Action__mdt",
                        "objects/Action__mdt.object",
                        xml(
                                "CustomObject",
                                "<label>Action</label><pluralLabel>Actions</pluralLabel><fields><fullName>Setting__c</fullName>"
                                        + "<label>Setting</label><referenceTo>Setting__mdt</referenceTo><relationshipName>"
                                        + "Actions</relationshipName><type>MetadataRelationship</type></fields>"));
    }

    @Test
    void aRecordNamesItsTargetByDeveloperNameEvenWhenTheTargetIsDeployedAfterIt() {
        DeployOutcome out = DeployEngine.deploy(
                org,
                org.adminUserId(),
                types().add(
                                "CustomMetadata",
                                "Action.Stamp",
                                "customMetadata/Action.Stamp.md",
                                record("Setting__c", "Account"))
                        .add(
                                "CustomMetadata",
                                "Setting.Account",
                                "customMetadata/Setting.Account.md",
                                record(null, null))
                        .bytes(),
                DeployEngine.Options.defaults());

        assertTrue(out.success(), () -> out.failures().toString());
        var source = new OrgSoqlSource(org.db());
        var parent = Soql.query(
                        "SELECT DeveloperName, Setting__r.DeveloperName FROM Action__mdt",
                        source,
                        QueryOptions.defaults())
                .records()
                .get(0)
                .fields();
        assertEquals(
                "Account",
                String.valueOf(((dev.warden.soql.ResultRecord) parent.get("Setting__r"))
                        .fields()
                        .get("DeveloperName")));
        var children = Soql.query(
                        "SELECT (SELECT DeveloperName FROM Actions__r) FROM Setting__mdt",
                        source,
                        QueryOptions.defaults())
                .records()
                .get(0)
                .fields();
        assertTrue(String.valueOf(children.get("Actions__r")).contains("Stamp"), children.toString());
    }

    @Test
    void aRequiredRelationshipToARecordDeployedLaterInTheSameDeployIsSetOnInsert() {
        DeployEngineTest.Zip zip = new DeployEngineTest.Zip()
                .add(
                        "CustomObject",
                        "Setting__mdt",
                        "objects/Setting__mdt.object",
                        xml("CustomObject", "<label>Setting</label><pluralLabel>Settings</pluralLabel>"))
                .add(
                        "CustomObject",
                        "Action__mdt",
                        "objects/Action__mdt.object",
                        xml(
                                "CustomObject",
                                "<label>Action</label><pluralLabel>Actions</pluralLabel><fields><fullName>Setting__c</fullName>"
                                        + "<label>Setting</label><referenceTo>Setting__mdt</referenceTo><required>true</required>"
                                        + "<type>MetadataRelationship</type></fields>"))
                .add("CustomMetadata", "Action.Stamp", "customMetadata/Action.Stamp.md", record("Setting__c", "Later"))
                .add("CustomMetadata", "Setting.Later", "customMetadata/Setting.Later.md", record(null, null));

        DeployOutcome out = DeployEngine.deploy(org, org.adminUserId(), zip.bytes(), DeployEngine.Options.defaults());

        assertTrue(out.success(), () -> out.failures().toString());
        var row = Soql.query(
                        "SELECT Setting__r.DeveloperName FROM Action__mdt",
                        new OrgSoqlSource(org.db()),
                        QueryOptions.defaults())
                .records()
                .get(0)
                .fields();
        assertEquals(
                "Later",
                ((dev.warden.soql.ResultRecord) row.get("Setting__r")).fields().get("DeveloperName"));
    }

    @Test
    void aRecordNamingNoTargetRecordFails() {
        DeployOutcome out = DeployEngine.deploy(
                org,
                org.adminUserId(),
                types().add(
                                "CustomMetadata",
                                "Action.Stamp",
                                "customMetadata/Action.Stamp.md",
                                record("Setting__c", "Nope"))
                        .bytes(),
                DeployEngine.Options.defaults());

        assertFalse(out.success());
        assertEquals(
                "Invalid value for Setting__c: no Setting__mdt record named Nope",
                out.failures().get(0).problem());
    }
}
