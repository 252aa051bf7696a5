package dev.warden.runner.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package namespace: names of a managed install carry it, unnamespaced source deploys keep the contract's names. */
class NamespaceTest {
    static final Namespace WDN = Namespace.of("wdn");

    @Test
    void withoutANamespaceEveryNameIsTheContractsOwn() {
        assertTrue(Namespace.of("").none());
        assertTrue(Namespace.of(null).none());
        String soql = "SELECT Id, Status__c FROM Scan_Request__c";
        assertEquals(soql, Namespace.NONE.qualifyCustomNames(soql));
        assertEquals("Warden_Integration", Namespace.NONE.qualify("Warden_Integration"));
        assertEquals("warden/v1/verdicts", Namespace.NONE.apexRestPath("/warden/v1/verdicts"));
    }

    @Test
    void customObjectsFieldsRelationshipsAndLiteralsAreQualifiedStandardNamesAreNot() {
        assertEquals(
                "SELECT Id, wdn__Target_Id__c, wdn__Scan_Request__r.wdn__Status__c, Parent.Name FROM wdn__Quarantine_Item__c"
                        + " WHERE SobjectType = 'wdn__Quarantine_Item__c' AND CreatedDate > LAST_N_DAYS:1",
                WDN.qualifyCustomNames(
                        "SELECT Id, Target_Id__c, Scan_Request__r.Status__c, Parent.Name FROM Quarantine_Item__c"
                                + " WHERE SobjectType = 'Quarantine_Item__c' AND CreatedDate > LAST_N_DAYS:1"));
        assertEquals(
                "wdn__Scan_Event__e wdn__Protection_Policy__mdt",
                WDN.qualifyCustomNames("Scan_Event__e Protection_Policy__mdt"));
    }

    @Test
    void namesAlreadyQualifiedAreLeftAlone() {
        assertEquals("wdn__Scan_Request__c", WDN.qualifyCustomNames("wdn__Scan_Request__c"));
        assertEquals("wdn__Warden_Admin", WDN.qualify("wdn__Warden_Admin"));
        assertEquals("wdn/warden/v1/verdicts", WDN.apexRestPath("wdn/warden/v1/verdicts"));
    }

    @Test
    void apexRestPathsCarryTheNamespaceAsTheFirstSegment() {
        assertEquals("wdn/warden/v1/verdicts", WDN.apexRestPath("warden/v1/verdicts"));
        assertEquals("wdn/warden/v1/quarantine/a01/restore", WDN.apexRestPath("/warden/v1/quarantine/a01/restore"));
    }

    @Test
    void answersComeBackInTheContractsNames() {
        assertEquals("Status__c", WDN.unqualify("wdn__Status__c"));
        assertEquals("Name", WDN.unqualify("Name"));
        assertEquals("other__Status__c", WDN.unqualify("other__Status__c"));
    }

    @Test
    void prefixesSalesforceWouldRefuseAreRejected() {
        for (String bad : List.of("1abc", "a__b", "abc_", "sixteen_chars_xx", "wd-n")) {
            assertThrows(IllegalArgumentException.class, () -> Namespace.of(bad), bad);
        }
    }

    @Test
    void aBlueprintInANamespaceKeepsBareNamesAsPermissionSetsAndTriggersDo() {
        Blueprint b = Fixtures.warden().inNamespace(WDN);
        assertEquals(
                List.of("Warden_Integration", "Warden_Query_All_Files"),
                b.finalPhase().permissionSets());
        assertEquals("Warden_Scanner_Access", b.app().preAuthorizedBy());
        assertEquals(Fixtures.warden().packageTriggers(), b.packageTriggers());
    }

    @Test
    void aBlueprintWithoutANamespaceIsTheSameBlueprint() {
        Blueprint b = Fixtures.warden();
        assertSame(b, b.inNamespace(Namespace.NONE));
    }
}
