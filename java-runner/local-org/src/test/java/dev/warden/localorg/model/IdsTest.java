package dev.warden.localorg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void eighteenCharacterIdsCarryTheCaseChecksum() {
        // A well-known id pair from Salesforce documentation examples.
        assertEquals("001D000000IqhSLIAZ", Ids.to18("001D000000IqhSL"));
        assertEquals("005000000000001AAA", Ids.make("005", 1));
    }

    @Test
    void validityAndCanonicalForm() {
        assertTrue(Ids.isValid("001D000000IqhSL"));
        assertTrue(Ids.isValid("001D000000IqhSLIAZ"));
        assertFalse(Ids.isValid("001D000000IqhSLAAA"));
        assertFalse(Ids.isValid("not-an-id"));
        assertEquals("001D000000IqhSLIAZ", Ids.canonical("001D000000IqhSL"));
    }

    @Test
    void customObjectsGetSequentialPrefixesAndSystemFields() {
        Schema s = StandardObjects.newSchema();
        SObjectType a = s.define(ObjectDefinition.custom("A__c", "A", java.util.List.of()));
        SObjectType b = s.define(ObjectDefinition.custom("B__c", "B", java.util.List.of()));
        SObjectType e = s.define(ObjectDefinition.custom("Scan_Event__e", "Scan Event", java.util.List.of()));
        assertEquals("a00", a.keyPrefix());
        assertEquals("a01", b.keyPrefix());
        assertEquals("e00", e.keyPrefix());
        assertTrue(a.field("OwnerId") != null && a.field("Name").required());
        assertEquals(null, e.field("IsDeleted"));
        s.putField("A__c", FieldDef.of("Size__c", FieldType.DOUBLE).build());
        assertEquals(FieldType.DOUBLE, s.get("a__C").field("size__c").type());
    }
}
