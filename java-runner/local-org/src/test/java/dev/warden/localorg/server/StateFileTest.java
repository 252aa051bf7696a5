package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void anOrgStartedWithAStateFileComesBackAfterARestart() throws Exception {
        Path state = dir.resolve("org.json");
        String token = "00D000000000001!stateToken";
        String widget;
        String cv;
        try (LocalOrgServer first = LocalOrgServer.start(new LocalOrgOptions(0, false, token, state))) {
            Org org = first.org();
            String actor = org.adminUserId();
            org.schema()
                    .define(ObjectDefinition.custom(
                                    "Quarantine_Item__c",
                                    "Quarantine Item",
                                    List.of(FieldDef.of("Reason__c", FieldType.STRING)
                                            .build()))
                            .withAutoNumber("QI-{000000}"));
            org.schema()
                    .define(ObjectDefinition.custom(
                            "Scan_Event__e",
                            "Scan Event",
                            List.of(FieldDef.of("Record_Id__c", FieldType.STRING)
                                    .build())));
            widget = org.db().insert(org.admin(), "Quarantine_Item__c", Map.of("Reason__c", "eicar"));
            cv = org.db().insert(org.admin(), "ContentVersion", Map.of("PathOnClient", "a.bin", "VersionData", "AAEC"));
            org.db().insert(Caller.api(actor), "Scan_Event__e", Map.of("Record_Id__c", cv));
            org.metadata().putEca(actor, "Warden_Scanner", "Warden Scanner", null, null, null);
            org.metadata()
                    .setGlobalOAuth(
                            actor,
                            "Warden_Scanner",
                            new ExternalClientApp.GlobalOAuth(
                                    "KEY1", "secret", null, null, Map.of("isPkceRequired", false)));
            org.metadata().setTrustedIpRanges(actor, List.of(new IpRange("203.0.113.0", "203.0.113.255", "vendor")));
            String ps = org.metadata()
                    .deployPermissionSet(
                            actor,
                            new PermissionSetContent(
                                    "Kept",
                                    "Kept",
                                    null,
                                    null,
                                    false,
                                    Set.of("ApiEnabled"),
                                    List.of(),
                                    Set.of(),
                                    Set.of()));
            org.db().insert(org.admin(), "PermissionSetAssignment", Map.of("AssigneeId", actor, "PermissionSetId", ps));
        }
        assertTrue(Files.size(state) > 0);
        try (LocalOrgServer second = LocalOrgServer.start(new LocalOrgOptions(0, false, token, state))) {
            Org org = second.org();
            assertEquals("QI-000001", org.db().retrieve(widget).get("Name"));
            assertArrayEquals(
                    new byte[] {0, 1, 2}, (byte[]) org.db().retrieve(cv).get("VersionData"));
            assertEquals(
                    "KEY1",
                    org.metadata().eca("Warden_Scanner").orElseThrow().global().consumerKey());
            assertTrue(org.metadata().trustedIpRanges().get(0).contains("203.0.113.9"));
            assertEquals(1, org.db().publishedEvents().size());
            String next = org.db().insert(org.admin(), "Quarantine_Item__c", Map.of("Reason__c", "again"));
            assertNotEquals(widget, next);
            assertEquals("QI-000002", org.db().retrieve(next).get("Name"));
            OrgClient api = new OrgClient(second.instanceUrl(), token);
            var dup = api.post(
                    "/services/data/v67.0/sobjects/PermissionSetAssignment",
                    Map.of(
                            "AssigneeId",
                            org.adminUserId(),
                            "PermissionSetId",
                            org.db().findOne("PermissionSet", "Name", "Kept").id()));
            assertEquals("DUPLICATE_VALUE", dup.json().get(0).get("errorCode").asText());
        }
    }

    @Test
    void aCorruptStateFileIsRefusedWithTheReason() throws Exception {
        Path state = dir.resolve("bad.json");
        Files.writeString(state, "{\"version\": 99}");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LocalOrgServer.start(new LocalOrgOptions(0, false, null, state)));
        assertTrue(e.getMessage().contains("not a version 1"), e.getMessage());
    }
}
