package dev.warden.localorg.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformRulesTest {
    private final Org org = Org.seeded("admin@rules.test", Clock.systemUTC());
    private final OrgDatabase db = org.db();
    private final Caller admin = org.admin();

    private String newUser(String username, String profileId) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Username", username);
        u.put("LastName", "Integration");
        u.put("Email", username);
        u.put("Alias", "integ");
        u.put("TimeZoneSidKey", "GMT");
        u.put("LocaleSidKey", "en_US");
        u.put("EmailEncodingKey", "UTF-8");
        u.put("LanguageLocaleKey", "en_US");
        u.put("ProfileId", profileId);
        return db.insert(admin, "User", u);
    }

    private String permissionSet(String name, String license, Set<String> perms) {
        return org.metadata()
                .deployPermissionSet(
                        org.adminUserId(),
                        new PermissionSetContent(
                                name, name, null, license, false, perms, List.of(), Set.of(), Set.of()));
    }

    private String assign(String userId, String psId) {
        return db.insert(admin, "PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetId", psId));
    }

    private List<Record> assignmentsOf(String userId) {
        return db.findBy("PermissionSetAssignment", "AssigneeId", userId).stream()
                .filter(a -> !db.retrieve(a.getString("PermissionSetId")).is("IsOwnedByProfile"))
                .toList();
    }

    @Test
    void seededOrgHasAdminOnSalesforceLicenseWithSystemAdministratorProfile() {
        Record adminUser = db.retrieve(org.adminUserId());
        assertEquals("admin@rules.test", adminUser.get("Username"));
        assertEquals("Local Admin", adminUser.get("Name"));
        Record profile = db.retrieve(adminUser.getString("ProfileId"));
        assertEquals("System Administrator", profile.get("Name"));
        assertEquals("Salesforce", Licenses.userLicenseName(db, adminUser));
        Record integration = db.findOne("UserLicense", "Name", "Salesforce Integration");
        assertEquals(5, integration.get("TotalLicenses"));
        Record psl = db.findOne("PermissionSetLicense", "DeveloperName", "SalesforceAPIIntegrationPsl");
        assertEquals("Salesforce API Integration", psl.get("MasterLabel"));
        assertTrue(Access.ofUser(db, org.adminUserId()).has("CanApproveUninstalledApps"));
    }

    @Test
    void duplicateAssignmentIsRejectedWithDuplicateValue() {
        String user = newUser("dup@rules.test", org.ids().standardUserProfileId());
        String ps = permissionSet("Foo", null, Set.of("ApiEnabled"));
        assign(user, ps);
        OrgException e = assertThrows(OrgException.class, () -> assign(user, ps));
        assertEquals("DUPLICATE_VALUE", e.errorCode());
        assertEquals("Duplicate PermissionSetAssignment. Assignment already exists.", e.getMessage());
    }

    @Test
    void changingTheUserLicenseRemovesPermissionSetAndPslAssignments() {
        String user = newUser("switch@rules.test", org.ids().systemAdministratorProfileId());
        assign(user, permissionSet("Vendor_Admin", null, Set.of("ApiEnabled", "ViewAllData")));
        assertEquals(1, assignmentsOf(user).size());
        db.update(admin, user, Map.of("ProfileId", org.ids().integrationProfileId()));
        assertEquals(List.of(), assignmentsOf(user));
        Record owned = db.findBy("PermissionSetAssignment", "AssigneeId", user).get(0);
        assertEquals(
                org.ids().integrationProfileId(),
                db.retrieve(owned.getString("PermissionSetId")).get("ProfileId"));
        assertTrue(
                db.rows("SetupAuditTrail", false).stream().anyMatch(r -> "changedUserLicense".equals(r.get("Action"))));
    }

    @Test
    void permissionSetNeedingTheApiIntegrationPslCannotBeAssignedBeforeThePsl() {
        String user = newUser("integ@rules.test", org.ids().integrationProfileId());
        String ps =
                permissionSet("Warden_Integration", "Salesforce API Integration", Set.of("ApiEnabled", "ViewSetup"));
        OrgException e = assertThrows(OrgException.class, () -> assign(user, ps));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", e.errorCode());
        assertEquals(
                "Can't assign permission set Warden_Integration to user integ@rules.test. The user license"
                        + " doesn't allow the permission: API Enabled",
                e.getMessage());
        db.insert(
                admin,
                "PermissionSetLicenseAssign",
                Map.of("AssigneeId", user, "PermissionSetLicenseId", org.ids().apiIntegrationPslId()));
        assertNotNull(assign(user, ps));
    }

    @Test
    void integrationLicenseWithoutPslRejectsViewAllDataFromANoLicenseSet() {
        String user = newUser("bare@rules.test", org.ids().integrationProfileId());
        String ps = permissionSet("Scanner", null, Set.of("ViewAllData"));
        OrgException e = assertThrows(OrgException.class, () -> assign(user, ps));
        assertTrue(e.getMessage().endsWith("The user license doesn't allow the permission: View All Data"));
    }

    @Test
    void userSeatsAreLimited() {
        for (int i = 0; i < 5; i++) {
            newUser("seat" + i + "@rules.test", org.ids().integrationProfileId());
        }
        OrgException e = assertThrows(
                OrgException.class, () -> newUser("seat5@rules.test", org.ids().integrationProfileId()));
        assertEquals("LICENSE_LIMIT_EXCEEDED", e.errorCode());
        assertEquals(5, db.retrieve(org.ids().integrationLicenseId()).get("UsedLicenses"));
    }

    @Test
    void contentVersionInsertCreatesDocumentAndOwnerLinkAndNewVersionBecomesLatest() {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("PathOnClient", "report.pdf");
        v1.put("VersionData", "aGVsbG8=");
        String cv1 = db.insert(admin, "ContentVersion", v1);
        Record first = db.retrieve(cv1);
        String doc = first.getString("ContentDocumentId");
        assertEquals("report", first.get("Title"));
        assertEquals("PDF", first.get("FileType"));
        assertEquals(5, first.get("ContentSize"));
        assertEquals(cv1, db.retrieve(doc).get("LatestPublishedVersionId"));
        assertEquals(
                1, db.findBy("ContentDocumentLink", "ContentDocumentId", doc).size());
        Map<String, Object> v2 = new LinkedHashMap<>(v1);
        v2.put("ContentDocumentId", doc);
        String cv2 = db.insert(admin, "ContentVersion", v2);
        assertFalse(db.retrieve(cv1).is("IsLatest"));
        assertTrue(db.retrieve(cv2).is("IsLatest"));
        assertEquals("2", db.retrieve(cv2).get("VersionNumber"));
        assertEquals(cv2, db.retrieve(doc).get("LatestPublishedVersionId"));
    }

    @Test
    void failedTransactionRollsBackEveryWrite() {
        int before = db.count("ContentDocument");
        assertThrows(
                OrgException.class,
                () -> db.transaction(() -> {
                    db.insert(admin, "ContentVersion", Map.of("PathOnClient", "a.txt", "VersionData", "YQ=="));
                    db.insert(admin, "ContentVersion", Map.of("PathOnClient", "b.txt"));
                }));
        assertEquals(before, db.count("ContentDocument"));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        OrgException e =
                assertThrows(OrgException.class, () -> db.insert(admin, "User", Map.of("Username", "x@rules.test")));
        assertEquals("REQUIRED_FIELD_MISSING", e.errorCode());
        assertTrue(e.getMessage().startsWith("Required fields are missing: [LastName, Email, Alias"), e.getMessage());
    }

    @Test
    void assigningAPermissionSetWritesTheSetupAuditTrail() {
        String user = newUser("audit@rules.test", org.ids().standardUserProfileId());
        assign(user, permissionSet("Audited", null, Set.of("ApiEnabled")));
        assertTrue(db.rows("SetupAuditTrail", false).stream()
                .anyMatch(r -> "PermSetAssign".equals(r.get("Action"))
                        && r.getString("Display").contains("audit@rules.test")));
    }

    @Test
    void pslSeatsAreLimitedAndThePslIsOnlyForIntegrationUsers() {
        OrgException wrongLicense = assertThrows(
                OrgException.class,
                () -> db.insert(
                        admin,
                        "PermissionSetLicenseAssign",
                        Map.of(
                                "AssigneeId",
                                org.adminUserId(),
                                "PermissionSetLicenseId",
                                org.ids().apiIntegrationPslId())));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", wrongLicense.errorCode());
        db.update(org.system(), org.ids().apiIntegrationPslId(), Map.of("TotalLicenses", 2));
        for (int i = 0; i < 2; i++) {
            String u = newUser("psl" + i + "@rules.test", org.ids().integrationProfileId());
            db.insert(
                    admin,
                    "PermissionSetLicenseAssign",
                    Map.of("AssigneeId", u, "PermissionSetLicenseId", org.ids().apiIntegrationPslId()));
        }
        assertEquals(2, db.retrieve(org.ids().apiIntegrationPslId()).get("UsedLicenses"));
        String third = newUser("psl2@rules.test", org.ids().integrationProfileId());
        OrgException full = assertThrows(
                OrgException.class,
                () -> db.insert(
                        admin,
                        "PermissionSetLicenseAssign",
                        Map.of(
                                "AssigneeId",
                                third,
                                "PermissionSetLicenseId",
                                org.ids().apiIntegrationPslId())));
        assertEquals("LICENSE_LIMIT_EXCEEDED", full.errorCode());
    }

    @Test
    void permissionSetGroupsGrantTheirComponentsMinusMutedPermissions() {
        String user = newUser("group@rules.test", org.ids().standardUserProfileId());
        String a = permissionSet("Group_A", null, Set.of("ViewSetup", "ViewAllData"));
        String muting = db.insert(
                org.system(),
                "MutingPermissionSet",
                Map.of("DeveloperName", "Mute", "MasterLabel", "Mute", "PermissionsViewAllData", true));
        String group = db.insert(admin, "PermissionSetGroup", Map.of("DeveloperName", "G", "MasterLabel", "G"));
        db.insert(admin, "PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", a));
        db.insert(
                admin, "PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", muting));
        db.insert(admin, "PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetGroupId", group));
        Access access = Access.ofUser(db, user);
        assertTrue(access.has("ViewSetup"));
        assertFalse(access.has("ViewAllData"));
        assertEquals("Updated", db.retrieve(group).get("Status"));
    }

    @Test
    void grantingAnAssignedSetMoreThanTheAssigneesLicenseAllowsFails() {
        String user = newUser("grow@rules.test", org.ids().integrationProfileId());
        String ps = permissionSet("Grows", null, Set.of("ApiEnabled"));
        assign(user, ps);
        OrgException e = assertThrows(
                OrgException.class,
                () -> permissionSet("Grows", null, Set.of("ApiEnabled", "ModifyAllData", "ViewAllData")));
        assertTrue(e.getMessage().contains("doesn't allow the permission"), e.getMessage());
        assertFalse(db.retrieve(ps).is("PermissionsViewAllData"));
    }

    @Test
    void permissionSetDeployIsAFullReplaceAndChecksDependencies() {
        permissionSet("Replace", null, Set.of("ApiEnabled", "ViewSetup"));
        permissionSet("Replace", null, Set.of("ApiEnabled"));
        assertEquals(
                Set.of("ApiEnabled"),
                org.metadata().readPermissionSet("Replace").orElseThrow().userPermissions());
        OrgException dep = assertThrows(OrgException.class, () -> permissionSet("Dep", null, Set.of("QueryAllFiles")));
        assertEquals("Permission QueryAllFiles depends on permission(s): ViewAllData", dep.getMessage());
        OrgException unknown =
                assertThrows(OrgException.class, () -> permissionSet("Bad", null, Set.of("FlyToTheMoon")));
        assertEquals("Unknown user permission: FlyToTheMoon", unknown.getMessage());
    }

    @Test
    void deletedRecordsCanBeUndeletedAndDocumentsTakeTheirVersionsAlong() {
        String cv = db.insert(admin, "ContentVersion", Map.of("PathOnClient", "x.txt", "VersionData", "eA=="));
        String doc = db.retrieve(cv).getString("ContentDocumentId");
        db.delete(admin, doc);
        assertTrue(db.retrieve(cv).isDeleted());
        db.undelete(admin, doc);
        assertFalse(db.retrieve(cv).isDeleted());
        OrgException notDeleted = assertThrows(OrgException.class, () -> db.undelete(admin, doc));
        assertEquals("UNDELETE_FAILED", notDeleted.errorCode());
    }

    @Test
    void aFileFirstPublishedOnARecordIsLinkedToTheOwnerAndToThatRecord() {
        org.schema().define(dev.warden.localorg.model.ObjectDefinition.custom("Case__c", "Case", List.of()));
        String record = db.insert(admin, "Case__c", Map.of("Name", "C1"));
        String cv = db.insert(
                admin,
                "ContentVersion",
                Map.of("PathOnClient", "scan.txt", "VersionData", "eA==", "FirstPublishLocationId", record));
        String doc = db.retrieve(cv).getString("ContentDocumentId");
        List<Object> linked = db.findBy("ContentDocumentLink", "ContentDocumentId", doc).stream()
                .map(l -> l.get("LinkedEntityId"))
                .toList();
        assertTrue(linked.contains(record) && linked.contains(org.adminUserId()), linked.toString());
    }
}
