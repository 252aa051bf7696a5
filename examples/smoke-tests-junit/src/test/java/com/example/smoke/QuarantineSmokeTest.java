package com.example.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.test.OrgFiles;
import dev.warden.test.TestOrg;
import dev.warden.test.WardenTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Warden's quarantine flow end to end: Warden's package deployed and its integration user provisioned (once for the
 * JVM), an infected file and a clean one uploaded, the scanner run, the quarantine asserted, the file restored.
 */
@WardenTest(project = WardenTest.WARDEN_PACKAGE, blueprint = "builtin:warden", scope = WardenTest.Scope.JVM)
class QuarantineSmokeTest {

    /** The EICAR anti-virus test file, assembled at run time so this repository holds no such sample. */
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            .getBytes(StandardCharsets.US_ASCII);

    static final byte[] CLEAN =
            "Quarterly figures: 0.25, 0.4221165755827173, 1,204 units\n".getBytes(StandardCharsets.UTF_8);

    record QuarantineItem(
            String id, String status__c, String detector__c, String target_Id__c, String quarantined_Copy_Id__c) {}

    record ScanRequest(String id, String target_Id__c, String status__c, String verdict__c) {}

    @Test
    void anInfectedFileIsQuarantinedTheCleanOneIsNotAndRestoreBringsTheBytesBack(TestOrg org) {
        OrgFiles.Uploaded infected = org.files().upload("invoice.txt", EICAR);
        OrgFiles.Uploaded clean = org.files().upload("figures.txt", CLEAN);
        String targets = "'"
                + String.join(
                        "','",
                        infected.contentVersionId(),
                        infected.contentDocumentId(),
                        clean.contentVersionId(),
                        clean.contentDocumentId())
                + "'";
        // Rows the package's triggers and the scanner make for these files are deleted after the test too.
        org.cleanup().addQuery("SELECT Id FROM Quarantine_Item__c WHERE Target_Id__c IN (" + targets + ")");
        org.cleanup().addQuery("SELECT Id FROM Scan_Request__c WHERE Target_Id__c IN (" + targets + ")");

        var scan = org.warden("scan", "--once", "--json");
        assertEquals(0, scan.exit(), scan.out() + scan.err());

        List<ScanRequest> requests = org.records()
                .query(
                        "SELECT Id, Target_Id__c, Status__c, Verdict__c FROM Scan_Request__c"
                                + " WHERE Target_Id__c IN (" + targets + ")",
                        ScanRequest.class);
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.stream().allMatch(r -> "Done".equals(r.status__c())), requests.toString());

        List<QuarantineItem> items = org.records()
                .query(
                        "SELECT Id, Status__c, Detector__c, Target_Id__c, Quarantined_Copy_Id__c"
                                + " FROM Quarantine_Item__c WHERE Target_Id__c IN (" + targets + ")",
                        QuarantineItem.class);
        assertEquals(1, items.size(), "only the infected file is quarantined: " + items);
        QuarantineItem item = items.get(0);
        assertEquals("Quarantined", item.status__c());
        assertEquals("eicar", item.detector__c());
        assertTrue(
                List.of(infected.contentVersionId(), infected.contentDocumentId())
                        .contains(item.target_Id__c()),
                item.toString());
        if (item.quarantined_Copy_Id__c() != null) {
            String copyDocument = org.records()
                    .query("SELECT ContentDocumentId FROM ContentVersion WHERE Id = '" + item.quarantined_Copy_Id__c()
                            + "'")
                    .get(0)
                    .path("ContentDocumentId")
                    .asText();
            org.cleanup().add("ContentDocument", copyDocument);
        }
        byte[] tombstone = latestBytes(org, infected);
        assertTrue(
                !java.util.Arrays.equals(EICAR, tombstone)
                        && new String(tombstone, StandardCharsets.UTF_8).contains(item.id()),
                "the original is replaced by a tombstone naming the quarantine item");
        assertArrayEquals(CLEAN, latestBytes(org, clean), "the clean file is untouched");

        var restore = org.apex().post("warden/v1/quarantine/" + item.id() + "/restore", Map.of());
        assertEquals(200, restore.status(), String.valueOf(restore.body()));
        assertEquals(
                "Restored",
                org.records()
                        .query(
                                "SELECT Status__c FROM Quarantine_Item__c WHERE Id = '" + item.id() + "'",
                                QuarantineItem.class)
                        .get(0)
                        .status__c());
        assertArrayEquals(EICAR, latestBytes(org, infected), "restored byte for byte");
    }

    private static byte[] latestBytes(TestOrg org, OrgFiles.Uploaded file) {
        String latest = org.records()
                .query("SELECT Id FROM ContentVersion WHERE ContentDocumentId = '" + file.contentDocumentId()
                        + "' AND IsLatest = true")
                .get(0)
                .path("Id")
                .asText();
        return org.files().bytes(latest);
    }

    @Test
    void warden_verify_passesOnTheProvisionedOrg(TestOrg org) {
        org.assertVerified();
    }
}
