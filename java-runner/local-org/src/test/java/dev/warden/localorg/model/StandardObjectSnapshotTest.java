package dev.warden.localorg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed describe snapshot loads into the schema, and a malformed snapshot fails with its line. */
class StandardObjectSnapshotTest {
    private final Schema schema = StandardObjects.newSchema();

    @Test
    void theCrmObjectsExistWithTheirRealKeyPrefixes() {
        for (String[] p : List.of(
                new String[] {"Account", "001"},
                new String[] {"Contact", "003"},
                new String[] {"Lead", "00Q"},
                new String[] {"Opportunity", "006"},
                new String[] {"Case", "500"},
                new String[] {"Task", "00T"},
                new String[] {"Event", "00U"},
                new String[] {"Campaign", "701"},
                new String[] {"Product2", "01t"},
                new String[] {"Pricebook2", "01s"},
                new String[] {"Order", "801"},
                new String[] {"Contract", "800"},
                new String[] {"Note", "002"})) {
            SObjectType t = schema.get(p[0]);
            assertNotNull(t, p[0]);
            assertEquals(p[1], t.keyPrefix(), p[0]);
            assertEquals(ObjectKind.STANDARD, t.kind());
        }
    }

    @Test
    void fieldsCarryTypesLengthsRequiredFlagsAndRelationships() {
        SObjectType contact = schema.get("Contact");
        assertTrue(contact.field("LastName").required());
        assertEquals(80, contact.field("LastName").length());
        assertFalse(contact.field("Name").createable(), "Name is the computed compound");
        FieldDef account = contact.field("AccountId");
        assertEquals(List.of("Account"), account.referenceTo());
        assertEquals("Account", account.relationshipName());
        assertEquals(
                FieldType.DATE, schema.get("Opportunity").field("CloseDate").type());
        assertTrue(schema.get("Opportunity").field("StageName").required());
    }

    @Test
    void standardPicklistsAreListedButOnlyRestrictedOnesAreEnforced() {
        DescribeFacts stage = schema.describeFacts("Opportunity", "StageName");
        assertTrue(stage.picklistValues().contains("Closed Won"));
        assertFalse(stage.restrictedPicklist());
        assertTrue(schema.get("Opportunity").field("StageName").picklistValues().isEmpty(), "not enforced");
        assertTrue(schema.get("Event").field("ShowAs").picklistValues().contains("Busy"), "restricted: enforced");
        assertEquals("Open - Not Contacted", schema.get("Lead").field("Status").defaultValue());
    }

    @Test
    void childRelationshipsIncludePolymorphicActivityLookups() {
        List<String> names = schema.childRelationships("Account").stream()
                .map(c -> c.relationshipName() + ":" + c.childObject() + "." + c.field())
                .toList();
        assertTrue(names.contains("Contacts:Contact.AccountId"), names.toString());
        assertTrue(names.contains("Opportunities:Opportunity.AccountId"), names.toString());
        assertTrue(names.contains("Cases:Case.AccountId"), names.toString());
        assertTrue(names.contains("Tasks:Task.WhatId"), names.toString());
        assertTrue(schema.childRelationships("Lead").stream()
                .anyMatch(c -> c.field().equals("WhoId")));
    }

    @Test
    void aMalformedSnapshotNamesItsLine() {
        Schema s = new Schema();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StandardObjectSnapshot.load(
                        s, "@Thing|0ZZ|Thing|Things|DATA\nName|string|80|req\nBad|nosuchtype\n"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("nosuchtype"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> StandardObjectSnapshot.load(new Schema(), "@A|0ZZ|A|As|DATA\nP|reference|18||P|A\n"),
                "a reference needs a relationship name");
        assertThrows(
                IllegalArgumentException.class,
                () -> StandardObjectSnapshot.load(new Schema(), "Name|string\n"),
                "field before object");
    }

    @Test
    void keyPrefixesAreUniqueAcrossTheWholeSchema() {
        assertThrows(
                IllegalArgumentException.class,
                () -> StandardObjectSnapshot.load(StandardObjects.newSchema(), "@Other|001|Other|Others|DATA\n"));
    }
}
