package dev.warden.localorg.model;

import dev.warden.localorg.model.SObjectType.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard objects the local org models, with the fields the mission touches. Key prefixes are the real ones
 * where known; those marked UNCONFIRMED in docs/local-org.md were not checked against a real org.
 */
public final class StandardObjects {
    private StandardObjects() {}

    public static Schema newSchema() {
        Schema s = new Schema();
        register(s);
        return s;
    }

    static void register(Schema s) {
        Capabilities readOnly = Capabilities.READ_ONLY;
        Capabilities setupNoDelete = Capabilities.SETUP.withDeletable(false);
        Capabilities setupReadOnly = new Capabilities(false, false, false, true, false, true);

        std(
                s,
                "Organization",
                "00D",
                "Organization",
                readOnly.withUpdateable(true),
                str("Name").required().length(80),
                str("InstanceName").readOnly().length(10),
                bool("IsSandbox").readOnly(),
                f("TrialExpirationDate", FieldType.DATETIME).readOnly(),
                str("NamespacePrefix").readOnly().length(15),
                pick("OrganizationType").readOnly(),
                str("Division").length(80),
                str("Country").length(80),
                pick("LanguageLocaleKey"),
                pick("DefaultLocaleSidKey"),
                pick("TimeZoneSidKey"),
                str("PrimaryContact").length(80),
                bool("IsReadOnly").readOnly());

        std(
                s,
                "UserLicense",
                "100",
                "User License",
                readOnly,
                str("Name").readOnly().length(40),
                str("MasterLabel").readOnly(),
                str("LicenseDefinitionKey").readOnly(),
                pick("Status").readOnly(),
                f("TotalLicenses", FieldType.INT).readOnly(),
                f("UsedLicenses", FieldType.INT).readOnly());

        std(
                s,
                "Profile",
                "00e",
                "Profile",
                Capabilities.SETUP,
                str("Name").required().length(255),
                ref("UserLicenseId", "UserLicense", "UserLicense").required().createOnly(),
                pick("UserType").readOnly(),
                f("Description", FieldType.TEXTAREA).length(255));

        std(
                s,
                "User",
                "005",
                "User",
                setupNoDelete,
                str("Username").required().length(80).unique(),
                str("FirstName").length(40),
                str("LastName").required().length(80),
                str("Name").readOnly().length(121),
                f("Email", FieldType.EMAIL).required(),
                str("Alias").required().length(8),
                str("CommunityNickname").length(40),
                bool("IsActive").defaultValue(Boolean.TRUE),
                ref("ProfileId", "Profile", "Profile").required(),
                pick("UserType").readOnly(),
                pick("TimeZoneSidKey").required(),
                pick("LocaleSidKey").required(),
                pick("EmailEncodingKey").required(),
                pick("LanguageLocaleKey").required(),
                bool("UserPermissionsSFContentUser").label("Salesforce CRM Content User"),
                f("LastLoginDate", FieldType.DATETIME).readOnly(),
                str("FederationIdentifier").length(512),
                ref("ManagerId", "Manager", "User"),
                ref("UserRoleId", "UserRole", "UserRole"),
                str("Title").length(80),
                str("Department").length(80),
                str("Division").length(80),
                str("CompanyName").length(80),
                f("Phone", FieldType.PHONE),
                f("MobilePhone", FieldType.PHONE),
                str("EmployeeNumber").length(20),
                f("SmallPhotoUrl", FieldType.URL).readOnly(),
                f("FullPhotoUrl", FieldType.URL).readOnly());

        // The role hierarchy is stored only: role-based sharing is not modelled.
        std(
                s,
                "UserRole",
                "00E",
                "Role",
                Capabilities.SETUP,
                str("Name").required().length(80),
                str("DeveloperName").length(80),
                ref("ParentRoleId", "ParentRole", "UserRole"),
                str("RollupDescription").length(80));

        std(
                s,
                "PermissionSetLicense",
                "0PL",
                "Permission Set License",
                readOnly,
                str("DeveloperName").readOnly().length(80),
                str("MasterLabel").readOnly(),
                str("PermissionSetLicenseKey").readOnly(),
                pick("Status").readOnly(),
                f("TotalLicenses", FieldType.INT).readOnly(),
                f("UsedLicenses", FieldType.INT).readOnly(),
                f("ExpirationDate", FieldType.DATE).readOnly());

        List<FieldDef.Builder> ps = new ArrayList<>(List.of(
                str("Name").required().length(80).unique(),
                str("Label").required().length(80),
                f("Description", FieldType.TEXTAREA).length(255),
                bool("IsOwnedByProfile").readOnly(),
                bool("IsCustom").readOnly(),
                ref("ProfileId", "Profile", "Profile").readOnly(),
                ref("LicenseId", "License", "UserLicense", "PermissionSetLicense")
                        .createOnly(),
                str("NamespacePrefix").readOnly().length(15),
                pick("Type").readOnly(),
                bool("HasActivationRequired"),
                ref("PermissionSetGroupId", "PermissionSetGroup", "PermissionSetGroup")
                        .readOnly()));
        for (String p : UserPermissions.names()) {
            ps.add(bool(UserPermissions.fieldName(p)).label(UserPermissions.label(p)));
        }
        std(s, "PermissionSet", "0PS", "Permission Set", Capabilities.SETUP, ps.toArray(FieldDef.Builder[]::new));

        List<FieldDef.Builder> mps = new ArrayList<>(List.of(
                str("DeveloperName").required().length(80),
                str("MasterLabel").required().length(80),
                f("Description", FieldType.TEXTAREA).length(255)));
        for (String p : UserPermissions.names()) {
            mps.add(bool(UserPermissions.fieldName(p)).label(UserPermissions.label(p)));
        }
        std(
                s,
                "MutingPermissionSet",
                "0QM",
                "Muting Permission Set",
                Capabilities.SETUP,
                mps.toArray(FieldDef.Builder[]::new));

        std(
                s,
                "PermissionSetGroup",
                "0PG",
                "Permission Set Group",
                Capabilities.SETUP,
                str("DeveloperName").required().length(80),
                str("MasterLabel").required().length(80),
                f("Description", FieldType.TEXTAREA).length(255),
                pick("Status").readOnly().picklist(List.of("Updated", "Outdated", "Updating", "Failed")),
                bool("HasActivationRequired"));

        std(
                s,
                "PermissionSetGroupComponent",
                "0PH",
                "Permission Set Group Component",
                Capabilities.SETUP,
                ref("PermissionSetGroupId", "PermissionSetGroup", "PermissionSetGroup")
                        .required()
                        .createOnly(),
                ref("PermissionSetId", "PermissionSet", "PermissionSet", "MutingPermissionSet")
                        .required()
                        .createOnly());

        std(
                s,
                "PermissionSetAssignment",
                "0Pa",
                "Permission Set Assignment",
                Capabilities.SETUP,
                ref("AssigneeId", "Assignee", "User").required().createOnly(),
                ref("PermissionSetId", "PermissionSet", "PermissionSet"),
                ref("PermissionSetGroupId", "PermissionSetGroup", "PermissionSetGroup")
                        .createOnly(),
                f("ExpirationDate", FieldType.DATETIME),
                bool("IsActive").readOnly().defaultValue(Boolean.TRUE),
                bool("IsRevoked").readOnly());

        std(
                s,
                "PermissionSetLicenseAssign",
                "2LA",
                "Permission Set License Assignment",
                Capabilities.SETUP.withUpdateable(false),
                ref("AssigneeId", "Assignee", "User").required().createOnly(),
                ref("PermissionSetLicenseId", "PermissionSetLicense", "PermissionSetLicense")
                        .required()
                        .createOnly(),
                bool("IsRevoked").readOnly());

        std(
                s,
                "ObjectPermissions",
                "110",
                "Object Permissions",
                Capabilities.SETUP,
                ref("ParentId", "Parent", "PermissionSet", "MutingPermissionSet")
                        .required()
                        .createOnly(),
                str("SobjectType").required().createOnly(),
                bool("PermissionsRead"),
                bool("PermissionsCreate"),
                bool("PermissionsEdit"),
                bool("PermissionsDelete"),
                bool("PermissionsViewAllRecords"),
                bool("PermissionsModifyAllRecords"),
                bool("PermissionsViewAllFields"));

        // Field-level security is not enforced (docs/local-org.md): the rows are stored and queryable only.
        std(
                s,
                "FieldPermissions",
                "01k",
                "Field Permissions",
                Capabilities.SETUP,
                ref("ParentId", "Parent", "PermissionSet", "MutingPermissionSet")
                        .required()
                        .createOnly(),
                str("SobjectType").required().createOnly(),
                str("Field").required().createOnly(),
                bool("PermissionsRead"),
                bool("PermissionsEdit"));

        std(
                s,
                "SetupEntityAccess",
                "0J0",
                "Setup Entity Access",
                Capabilities.SETUP.withUpdateable(false),
                ref("ParentId", "Parent", "PermissionSet", "MutingPermissionSet")
                        .required()
                        .createOnly(),
                f("SetupEntityId", FieldType.REFERENCE).required().createOnly(),
                pick("SetupEntityType").readOnly());

        std(
                s,
                "CustomPermission",
                "0CP",
                "Custom Permission",
                setupReadOnly,
                str("DeveloperName").readOnly().length(80),
                str("MasterLabel").readOnly(),
                f("Description", FieldType.TEXTAREA).readOnly(),
                str("NamespacePrefix").readOnly(),
                bool("IsProtected").readOnly());

        std(
                s,
                "ApexClass",
                "01p",
                "Apex Class",
                setupReadOnly,
                str("Name").readOnly(),
                f("Body", FieldType.TEXTAREA).readOnly().length(1000000),
                f("ApiVersion", FieldType.DOUBLE).readOnly(),
                pick("Status").readOnly(),
                bool("IsValid").readOnly(),
                str("NamespacePrefix").readOnly(),
                f("LengthWithoutComments", FieldType.INT).readOnly());

        std(
                s,
                "ApexTrigger",
                "01q",
                "Apex Trigger",
                setupReadOnly,
                str("Name").readOnly(),
                f("Body", FieldType.TEXTAREA).readOnly().length(1000000),
                str("TableEnumOrId").readOnly(),
                f("ApiVersion", FieldType.DOUBLE).readOnly(),
                pick("Status").readOnly().picklist(List.of("Active", "Inactive", "Deleted")),
                bool("IsValid").readOnly(),
                str("NamespacePrefix").readOnly(),
                bool("UsageBeforeInsert").readOnly(),
                bool("UsageAfterInsert").readOnly(),
                bool("UsageBeforeUpdate").readOnly(),
                bool("UsageAfterUpdate").readOnly(),
                bool("UsageBeforeDelete").readOnly(),
                bool("UsageAfterDelete").readOnly(),
                bool("UsageAfterUndelete").readOnly());

        std(
                s,
                "StaticResource",
                "081",
                "Static Resource",
                setupReadOnly,
                str("Name").readOnly(),
                str("ContentType").readOnly(),
                f("Body", FieldType.BASE64).readOnly(),
                f("BodyLength", FieldType.INT).readOnly(),
                pick("CacheControl").readOnly(),
                f("Description", FieldType.TEXTAREA).readOnly(),
                str("NamespacePrefix").readOnly());

        std(
                s,
                "ExternalClientApplication",
                "0xI",
                "External Client App",
                setupReadOnly,
                str("DeveloperName").readOnly(),
                str("MasterLabel").readOnly(),
                str("NamespacePrefix").readOnly(),
                f("ContactEmail", FieldType.EMAIL).readOnly(),
                f("Description", FieldType.TEXTAREA).readOnly(),
                pick("DistributionState").readOnly().picklist(List.of("Local", "Packaged")));

        std(
                s,
                "ContentDocument",
                "069",
                "Content Document",
                Capabilities.DATA.withCreateable(false),
                str("Title").length(255),
                ref("OwnerId", "Owner", "User"),
                ref("LatestPublishedVersionId", "LatestPublishedVersion", "ContentVersion")
                        .readOnly(),
                str("FileType").readOnly(),
                str("FileExtension").readOnly(),
                f("ContentSize", FieldType.INT).readOnly(),
                ref("ParentId", "Parent", "ContentWorkspace").readOnly(),
                pick("PublishStatus").readOnly(),
                f("Description", FieldType.TEXTAREA));

        std(
                s,
                "ContentVersion",
                "068",
                "Content Version",
                new Capabilities(true, true, false, true, true, false),
                str("Title").length(255),
                str("PathOnClient").createOnly().length(500),
                f("VersionData", FieldType.BASE64).createOnly(),
                ref("ContentDocumentId", "ContentDocument", "ContentDocument").createOnly(),
                bool("IsLatest").readOnly(),
                str("VersionNumber").readOnly().length(20),
                f("FirstPublishLocationId", FieldType.REFERENCE).createOnly(),
                ref("OwnerId", "Owner", "User"),
                str("FileType").readOnly(),
                str("FileExtension").readOnly(),
                f("ContentSize", FieldType.INT).readOnly(),
                str("Checksum").readOnly(),
                f("Description", FieldType.TEXTAREA),
                f("ContentUrl", FieldType.URL).createOnly(),
                pick("Origin").createOnly(),
                pick("ContentLocation").createOnly(),
                str("ReasonForChange"),
                pick("SharingOption"),
                pick("SharingPrivacy"),
                pick("PublishStatus").readOnly(),
                bool("IsMajorVersion").createOnly());

        std(
                s,
                "ContentDocumentLink",
                "06A",
                "Content Document Link",
                Capabilities.DATA.withUpdateable(true),
                ref("ContentDocumentId", "ContentDocument", "ContentDocument")
                        .required()
                        .createOnly(),
                f("LinkedEntityId", FieldType.REFERENCE).required().createOnly(),
                pick("ShareType").picklist(List.of("V", "C", "I")).defaultValue("V"),
                pick("Visibility")
                        .picklist(List.of("AllUsers", "InternalUsers", "SharedUsers"))
                        .defaultValue("AllUsers"));

        std(
                s,
                "FeedItem",
                "0D5",
                "Feed Item",
                Capabilities.DATA,
                f("ParentId", FieldType.REFERENCE).required().createOnly(),
                f("Body", FieldType.TEXTAREA).length(10000),
                str("Title"),
                pick("Type")
                        .picklist(
                                List.of("TextPost", "LinkPost", "ContentPost", "QuestionPost", "HasLink", "HasContent"))
                        .defaultValue("TextPost"),
                f("LinkUrl", FieldType.URL),
                f("RelatedRecordId", FieldType.REFERENCE),
                bool("IsRichText"),
                pick("Status"),
                f("CommentCount", FieldType.INT).readOnly(),
                ref("InsertedById", "InsertedBy", "User").readOnly());

        std(
                s,
                "FeedComment",
                "0D7",
                "Feed Comment",
                Capabilities.DATA,
                ref("FeedItemId", "FeedItem", "FeedItem").required().createOnly(),
                f("ParentId", FieldType.REFERENCE).readOnly(),
                f("CommentBody", FieldType.TEXTAREA).required().length(10000),
                pick("CommentType").readOnly(),
                f("RelatedRecordId", FieldType.REFERENCE),
                bool("IsRichText"),
                pick("Status"),
                ref("InsertedById", "InsertedBy", "User").readOnly());

        std(
                s,
                "Attachment",
                "00P",
                "Attachment",
                Capabilities.DATA,
                f("ParentId", FieldType.REFERENCE).required().createOnly(),
                str("Name").required(),
                f("Body", FieldType.BASE64).required(),
                f("BodyLength", FieldType.INT).readOnly(),
                str("ContentType").length(120),
                f("Description", FieldType.TEXTAREA).length(500),
                bool("IsPrivate"),
                ref("OwnerId", "Owner", "User"));

        std(
                s,
                "LoginHistory",
                "0Ya",
                "Login History",
                readOnly,
                ref("UserId", "User", "User").readOnly(),
                f("LoginTime", FieldType.DATETIME).readOnly(),
                pick("LoginType").readOnly(),
                str("SourceIp").readOnly(),
                str("LoginUrl").readOnly(),
                str("Status").readOnly(),
                str("Application").readOnly(),
                str("Browser").readOnly(),
                str("Platform").readOnly(),
                pick("ApiType").readOnly(),
                str("ApiVersion").readOnly(),
                str("AuthenticationServiceId").readOnly(),
                str("CountryIso").readOnly());

        // Sessions are not recorded as rows (tokens live in the server): queries answer no AuthSession.
        std(
                s,
                "AuthSession",
                "0Ak",
                "Auth Session",
                readOnly,
                ref("UsersId", "Users", "User").readOnly(),
                pick("LoginType").readOnly(),
                ref("LoginHistoryId", "LoginHistory", "LoginHistory").readOnly(),
                str("LogoutUrl").readOnly(),
                ref("ParentId", "Parent", "AuthSession").readOnly(),
                pick("SessionSecurityLevel").readOnly(),
                pick("SessionType").readOnly(),
                str("SourceIp").readOnly(),
                bool("IsCurrent").readOnly(),
                f("NumSecondsValid", FieldType.INT).readOnly(),
                pick("UserType").readOnly());

        std(
                s,
                "SetupAuditTrail",
                "0Ym",
                "Setup Audit Trail",
                readOnly,
                str("Action").readOnly(),
                str("Section").readOnly(),
                str("Display").readOnly(),
                str("DelegateUser").readOnly(),
                ref("ResponsibleNamespacePrefix", "ResponsibleNamespace", "User")
                        .readOnly(),
                ref("CreatedByContext", "CreatedByContextUser", "User").readOnly(),
                str("CreatedByIssuer").readOnly());

        std(
                s,
                "Group",
                "00G",
                "Group",
                Capabilities.SETUP,
                str("Name").required().length(40),
                str("DeveloperName").length(80),
                pick("Type")
                        .picklist(List.of("Regular", "Queue", "Role", "Organization"))
                        .defaultValue("Regular"));

        // The CRM objects (Account, Contact, Opportunity, ...) come from the committed describe snapshot.
        StandardObjectSnapshot.load(s);
        MetadataCatalogObjects.register(s);
    }

    private static void std(
            Schema s, String name, String prefix, String label, Capabilities caps, FieldDef.Builder... fields) {
        List<FieldDef> defs = new ArrayList<>();
        for (FieldDef.Builder b : fields) {
            defs.add(b.build());
        }
        s.define(new ObjectDefinition(name, ObjectKind.STANDARD, label, label + "s", prefix, caps, defs, null));
    }

    private static FieldDef.Builder f(String name, FieldType t) {
        return FieldDef.of(name, t);
    }

    private static FieldDef.Builder str(String name) {
        return FieldDef.of(name, FieldType.STRING);
    }

    private static FieldDef.Builder bool(String name) {
        return FieldDef.of(name, FieldType.BOOLEAN);
    }

    private static FieldDef.Builder pick(String name) {
        return FieldDef.of(name, FieldType.PICKLIST);
    }

    private static FieldDef.Builder ref(String name, String relationship, String... targets) {
        return FieldDef.of(name, FieldType.REFERENCE).references(relationship, targets);
    }
}
