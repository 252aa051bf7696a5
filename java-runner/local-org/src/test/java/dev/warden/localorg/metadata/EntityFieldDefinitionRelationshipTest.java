package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.DeployEngineTest.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A custom metadata relationship to EntityDefinition or FieldDefinition holds the target's DurableId and SOQL follows
 * it to the org's computed EntityDefinition/FieldDefinition rows; a FieldDefinition value is qualified by its
 * controlling EntityDefinition field.
 */
class EntityFieldDefinitionRelationshipTest {
    private final Org org = Org.seeded("admin@local.test", Clock.systemUTC());

    private static String record(String object, String field) {
        return "<?xml version=\"1.0\"?><CustomMetadata xmlns=\"http://soap.sforce.com/2006/04/metadata\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                + "<label>r</label><protected>false</protected>"
                + "<values><field>Target_Object__c</field><value xsi:type=\"xsd:string\">" + object
                + "</value></values>"
                + "<values><field>Target_Field__c</field><value xsi:type=\"xsd:string\">" + field + "</value></values>"
                + "</CustomMetadata>";
    }

    private DeployOutcome deploy(String object, String field) {
        DeployEngineTest.Zip zip = new DeployEngineTest.Zip()
                .add(
                        "CustomObject",
                        "Rule__mdt",
                        "objects/Rule__mdt.object",
                        xml(
                                "CustomObject",
                                "<label>Rule</label><pluralLabel>Rules</pluralLabel>"
                                        + "<fields><fullName>Target_Object__c</fullName><label>Object</label>"
                                        + "<referenceTo>EntityDefinition</referenceTo><type>MetadataRelationship</type></fields>"
                                        + "<fields><fullName>Target_Field__c</fullName><label>Field</label>"
                                        + "<metadataRelationshipControllingField>Rule__mdt.Target_Object__c"
                                        + "</metadataRelationshipControllingField><referenceTo>FieldDefinition</referenceTo>"
                                        + "<type>MetadataRelationship</type></fields>"))
                .add("CustomMetadata", "Rule.Naming", "customMetadata/Rule.Naming.md", record(object, field));
        return DeployEngine.deploy(org, org.adminUserId(), zip.bytes(), DeployEngine.Options.defaults());
    }

    private Map<String, Object> query(String soql) {
        return Soql.query(soql, new OrgSoqlSource(org.db()), QueryOptions.defaults())
                .records()
                .get(0)
                .fields();
    }

    private static Object at(Map<String, Object> row, String relationship, String field) {
        return ((ResultRecord) row.get(relationship)).fields().get(field);
    }

    @Test
    void theFieldsHoldDurableIdsAndTheirRelationshipsReachTheDefinitions() {
        DeployOutcome out = deploy("account", "Name");

        assertTrue(out.success(), () -> out.failures().toString());
        Map<String, Object> row = query(
                "SELECT Target_Object__c, Target_Field__c, Target_Object__r.QualifiedApiName,"
                        + " Target_Field__r.QualifiedApiName, Target_Field__r.EntityDefinition.QualifiedApiName FROM Rule__mdt");
        assertEquals("Account", row.get("Target_Object__c"));
        assertEquals("Account.Name", row.get("Target_Field__c"));
        assertEquals("Account", at(row, "Target_Object__r", "QualifiedApiName"));
        assertEquals("Name", at(row, "Target_Field__r", "QualifiedApiName"));
        assertEquals(
                "Account",
                ((ResultRecord) ((ResultRecord) row.get("Target_Field__r"))
                                .fields()
                                .get("EntityDefinition"))
                        .fields()
                        .get("QualifiedApiName"));
    }

    @Test
    void entityAndFieldDefinitionsAreQueryableAndFollowTheSchema() {
        assertEquals(
                "Contact",
                query("SELECT QualifiedApiName, DurableId FROM EntityDefinition WHERE QualifiedApiName = 'Contact'")
                        .get("DurableId"));
        assertEquals(
                "Contact.LastName",
                query("SELECT DurableId FROM FieldDefinition WHERE EntityDefinitionId = 'Contact'"
                                + " AND QualifiedApiName = 'LastName'")
                        .get("DurableId"));
    }

    @Test
    void anEntityListsItsFieldsInAChildSubquery() {
        Map<String, Object> row = query(
                "SELECT QualifiedApiName, (SELECT QualifiedApiName, RelationshipName FROM Fields"
                        + " WHERE QualifiedApiName = 'AccountId') FROM EntityDefinition WHERE QualifiedApiName = 'Contact'");
        var fields = (dev.warden.soql.QueryResult) row.get("Fields");
        assertEquals(1, fields.records().size());
        assertEquals("Account", fields.records().get(0).fields().get("RelationshipName"));
        assertEquals(
                "000000000000000AAA",
                query("SELECT Id FROM EntityDefinition WHERE QualifiedApiName = 'Contact'")
                        .get("Id"));
    }

    @Test
    void theRecordFileComesBackAsDeployed() {
        assertTrue(deploy("account", "Name").success());
        // the stored file, not the durable ids, is what a retrieve answers
        String stored = new dev.warden.localorg.metadata.types.CustomMetadataUnit().readXml(org, "Rule.Naming");
        assertTrue(stored.contains(">account<") && stored.contains(">Name<"), stored);
    }
}
