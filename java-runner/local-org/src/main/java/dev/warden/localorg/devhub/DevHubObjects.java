package dev.warden.localorg.devhub;

import static dev.warden.localorg.devhub.PlatformObjects.define;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType.Capabilities;
import dev.warden.localorg.model.Schema;
import java.util.List;

/**
 * The objects that make an org a Dev Hub (ScratchOrgInfo, ActiveScratchOrg) and the one a scratch org adds
 * (SourceMember). Fields are the ones sf reads or writes (devhub-packaging-wire.md 1.2, 1.4, 3, 19). Key prefixes:
 * 2SR is ScratchOrgInfo's (sf checks it); ActiveScratchOrg's and SourceMember's are UNCONFIRMED (sf never checks).
 */
final class DevHubObjects {
    static final String SCRATCH_ORG_INFO = "ScratchOrgInfo";
    static final String ACTIVE_SCRATCH_ORG = "ActiveScratchOrg";
    static final String SOURCE_MEMBER = "SourceMember";
    /** The editions a ScratchOrgInfo accepts (Object Reference, ScratchOrgInfo.Edition). */
    static final List<String> EDITIONS = List.of(
            "Developer",
            "Enterprise",
            "Group",
            "Professional",
            "Partner Developer",
            "Partner Enterprise",
            "Partner Group",
            "Partner Professional");

    /** Fields an API caller may set on insert; everything else is the platform's. */
    static final List<String> SCRATCH_ORG_INFO_CREATEABLE = List.of(
            "OrgName",
            "Edition",
            "HasSampleData",
            "Features",
            "DurationDays",
            "ConnectedAppCallbackUrl",
            "ConnectedAppConsumerKey",
            "Namespace",
            "Package2AncestorIds",
            "AdminEmail",
            "Country",
            "Language",
            "Description",
            "Release",
            "SourceOrg",
            "Snapshot",
            "Username",
            "Instance");

    private DevHubObjects() {}

    static void defineHubObjects(Schema schema) {
        Capabilities readCreateDelete = new Capabilities(true, false, true, true, false, false);
        define(
                schema,
                SCRATCH_ORG_INFO,
                "2SR",
                "Scratch Org Info",
                readCreateDelete,
                str("OrgName", 80),
                str("Edition", 40),
                FieldDef.of("HasSampleData", FieldType.BOOLEAN),
                FieldDef.of("Features", FieldType.TEXTAREA).length(4000),
                FieldDef.of("DurationDays", FieldType.INT),
                FieldDef.of("ConnectedAppCallbackUrl", FieldType.URL).length(1024),
                str("ConnectedAppConsumerKey", 255),
                str("Namespace", 15),
                FieldDef.of("Package2AncestorIds", FieldType.TEXTAREA).length(4000),
                FieldDef.of("AdminEmail", FieldType.EMAIL),
                str("Country", 80),
                str("Language", 40),
                FieldDef.of("Description", FieldType.TEXTAREA).length(4000),
                str("Release", 40),
                str("SourceOrg", 18),
                str("Snapshot", 80),
                str("Username", 80),
                str("Instance", 40),
                str("Status", 40).readOnly(),
                str("ErrorCode", 40).readOnly(),
                str("SignupUsername", 80).readOnly(),
                FieldDef.of("SignupEmail", FieldType.EMAIL).readOnly(),
                FieldDef.of("LoginUrl", FieldType.URL).readOnly(),
                str("SignupInstance", 40).readOnly(),
                str("AuthCode", 255).readOnly(),
                str("ScratchOrg", 15).readOnly(),
                FieldDef.of("ExpirationDate", FieldType.DATE).readOnly(),
                FieldDef.of("DeletedBy", FieldType.STRING).readOnly().length(80));
        define(
                schema,
                ACTIVE_SCRATCH_ORG,
                "2AS",
                "Active Scratch Org",
                readCreateDelete.withCreateable(false),
                str("Name", 80).readOnly(),
                str("SignupUsername", 80).readOnly(),
                str("ScratchOrg", 15).readOnly(),
                FieldDef.of("ScratchOrgInfoId", FieldType.REFERENCE)
                        .readOnly()
                        .references("ScratchOrgInfo", SCRATCH_ORG_INFO),
                str("Edition", 40).readOnly(),
                str("OrgName", 80).readOnly(),
                str("Namespace", 15).readOnly(),
                FieldDef.of("ExpirationDate", FieldType.DATE).readOnly(),
                FieldDef.of("Description", FieldType.TEXTAREA).readOnly().length(4000));
    }

    static void defineScratchObjects(Schema schema) {
        define(
                schema,
                SOURCE_MEMBER,
                "0MZ",
                "Source Member",
                Capabilities.READ_ONLY,
                str("MemberName", 255).readOnly(),
                str("MemberType", 255).readOnly(),
                str("MemberIdOrName", 255).readOnly(),
                FieldDef.of("RevisionCounter", FieldType.LONG).readOnly(),
                FieldDef.of("RevisionNum", FieldType.LONG).readOnly(),
                FieldDef.of("IsNameObsolete", FieldType.BOOLEAN).readOnly(),
                FieldDef.of("IsNewMember", FieldType.BOOLEAN).readOnly(),
                FieldDef.of("ChangedBy", FieldType.STRING).readOnly());
    }

    private static FieldDef.Builder str(String name, int length) {
        return FieldDef.of(name, FieldType.STRING).length(length);
    }
}
