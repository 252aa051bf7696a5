package dev.warden.localorg.devhub.sandbox;

import static dev.warden.localorg.devhub.PlatformObjects.bool;
import static dev.warden.localorg.devhub.PlatformObjects.integer;
import static dev.warden.localorg.devhub.PlatformObjects.ref;
import static dev.warden.localorg.devhub.PlatformObjects.str;
import static dev.warden.localorg.devhub.PlatformObjects.text;

import dev.warden.localorg.devhub.PlatformObjects;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType.Capabilities;
import dev.warden.localorg.model.Schema;

/**
 * The Tooling objects of sandboxes a production org holds (devhub-packaging-wire.md 4, 5, 19) with the fields sf
 * reads and writes. Key prefixes 0GQ (SandboxInfo) and 0GR (SandboxProcess) are Salesforce's (sf checks them);
 * SourceTrackingSettings' is UNCONFIRMED (sf never checks it). The insert and delete of SandboxInfo go through
 * {@link Sandboxes}, which writes every field as the platform; SandboxProcess is read-only.
 */
final class SandboxObjects {
    static final String SANDBOX_INFO = "SandboxInfo";
    static final String SANDBOX_PROCESS = "SandboxProcess";
    static final String SOURCE_TRACKING_SETTINGS = "SourceTrackingSettings";

    private SandboxObjects() {}

    static void define(Schema schema) {
        Capabilities readCreateDelete = new Capabilities(true, false, true, true, false, false);
        PlatformObjects.define(
                schema,
                SANDBOX_INFO,
                "0GQ",
                "Sandbox Info",
                readCreateDelete,
                str("SandboxName", 10),
                str("LicenseType", 40),
                str("TemplateId", 18),
                integer("HistoryDays"),
                bool("CopyChatter"),
                bool("AutoActivate"),
                str("ApexClassId", 18),
                text("Description"),
                str("SourceId", 18),
                str("ActivationUserGroupId", 18),
                text("Features"),
                text("PostCopyConfig"));
        PlatformObjects.define(
                schema,
                SANDBOX_PROCESS,
                "0GR",
                "Sandbox Process",
                Capabilities.READ_ONLY,
                str("Status", 40),
                str("SandboxName", 10),
                ref("SandboxInfoId", "SandboxInfo", SANDBOX_INFO),
                str("LicenseType", 40),
                integer("CopyProgress"),
                str("SandboxOrganization", 15),
                str("SourceId", 18),
                text("Description"),
                FieldDef.of("EndDate", FieldType.DATETIME).readOnly(),
                FieldDef.of("ActivatedDate", FieldType.DATETIME).readOnly(),
                text("Features"));
        PlatformObjects.define(
                schema,
                SOURCE_TRACKING_SETTINGS,
                "0Zt",
                "Source Tracking Settings",
                Capabilities.READ_ONLY,
                bool("IsSourceTrackingSandboxesEnabled"));
    }
}
