package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Hierarchy custom settings: getInstance merges user → profile → org default field by field; the others do not. */
class HierarchySettingsTest {
    private static String out(String code) {
        Anon.Outcome o = Anon.run(code);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        return o.out();
    }

    @Test
    void getInstanceTakesEachFieldFromTheLowestLevelThatDefinesIt() {
        assertEquals("7\ntrue\nnull\ntrue\n9\ntrue\n5\n7\n7", out("""
        insert new Warden_Settings__c(SetupOwnerId = UserInfo.getOrganizationId(), Max_Attempts__c = 5,
            Capture_Disabled__c = true);
        insert new Warden_Settings__c(SetupOwnerId = UserInfo.getProfileId(), Max_Attempts__c = 7);
        Warden_Settings__c merged = Warden_Settings__c.getInstance();
        System.debug(merged.Max_Attempts__c);
        System.debug(merged.Capture_Disabled__c);
        System.debug(merged.Id);
        System.debug(merged.SetupOwnerId == UserInfo.getUserId());
        Warden_Settings__c mine = new Warden_Settings__c(SetupOwnerId = UserInfo.getUserId(), Max_Attempts__c = 9);
        insert mine;
        Warden_Settings__c now = Warden_Settings__c.getInstance(UserInfo.getUserId());
        System.debug(now.Max_Attempts__c);
        System.debug(now.Id == mine.Id);
        System.debug(Warden_Settings__c.getOrgDefaults().Max_Attempts__c);
        System.debug(Warden_Settings__c.getInstance(UserInfo.getProfileId()).Max_Attempts__c);
        System.debug(Warden_Settings__c.getValues(UserInfo.getProfileId()).Max_Attempts__c);
        """));
    }

    @Test
    void withNoRecordsGetInstanceAndGetOrgDefaultsAnswerEmptyRecordsAndGetValuesNull() {
        assertEquals("false\nnull\ntrue\nfalse\nnull\ntrue", out("""
        Warden_Settings__c i = Warden_Settings__c.getInstance();
        System.debug(i == null);
        System.debug(i.Max_Attempts__c);
        System.debug(i.SetupOwnerId == UserInfo.getUserId());
        System.debug(Warden_Settings__c.getOrgDefaults() == null);
        System.debug(Warden_Settings__c.getOrgDefaults().Id);
        System.debug(Warden_Settings__c.getValues(UserInfo.getUserId()) == null);
        """));
    }
}
