package dev.warden.localorg.devhub.sandbox;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.ComponentResult;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MetadataUnits;
import dev.warden.localorg.metadata.Retriever;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Developer (or Developer Pro) sandbox gets from its production org: the metadata (every deployed component,
 * retrieved from production and deployed into the sandbox through the local deploy engine, so the sandbox holds what
 * a retrieve of production shows), the External Client Apps with their OAuth settings (consumer key, certificate —
 * what a retrieve leaves out), and the setup records: users (username {@code <prod username>.<sandbox name>}, email
 * with {@code .invalid} appended), their permission set license and permission set assignments and the custom
 * settings' records. Ordinary data
 * records (Accounts, custom object rows…) are not copied: that is what Partial and Full sandboxes add, which the
 * local org does not offer.
 *
 * <p>Not copied (documented in docs/local-org.md "Sandboxes"): roles and sharing rules' records, queues and groups,
 * login history, Chatter. The {@code .invalid} email suffix is Salesforce's documented behaviour for sandbox users;
 * copying inactive users as inactive is INFERRED.
 */
final class SandboxCopy {
    /** Kept out of the retrieve/deploy round: the app is copied whole by {@link #copyApps} (a retrieve omits keys). */
    private static final Set<String> APP_TYPES = Set.of(
            "ExternalClientApplication",
            "ExtlClntAppGlobalOauthSettings",
            "ExtlClntAppOauthSettings",
            "ExtlClntAppOauthConfigurablePolicies",
            "ExtlClntAppConfigurablePolicies");
    /** User fields the platform keeps per org (ids, audit, login state); every other createable field is copied. */
    private static final Set<String> USER_SKIPPED = Set.of(
            "Id", "Username", "Email", "ProfileId", "UserRoleId", "ManagerId", "ContactId", "FederationIdentifier");

    private SandboxCopy() {}

    /** What the copy did, for the SandboxProcess and the docs' figures. */
    record Copied(int components, int users, int assignments, int settingRecords) {}

    /** A copy that could not be completed (the sandbox is discarded and the process ends in error). */
    static final class CopyFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CopyFailed(String message) {
            super(message);
        }
    }

    static Copied copy(Org production, Org sandbox, String sandboxName) {
        int components = copyMetadata(production, sandbox);
        copyApps(production, sandbox);
        Map<String, String> users = copyUsers(production, sandbox, sandboxName);
        copyLicenseAssignments(production, sandbox, users);
        int assignments = copyAssignments(production, sandbox, users);
        int settingRecords = copyCustomSettingRecords(production, sandbox, users);
        return new Copied(components, users.size() - 1, assignments, settingRecords); // the admin is not a copy
    }

    private static int copyMetadata(Org production, Org sandbox) {
        Map<String, List<String>> everything = new LinkedHashMap<>();
        for (String type : MetadataUnits.allTypes()) {
            if (!APP_TYPES.contains(type)) {
                everything.put(type, List.of("*"));
            }
        }
        Retriever.Result retrieved = Retriever.retrieve(production, new Retriever.Request(everything, null, false));
        int count = retrieved.files().size() - 1; // minus package.xml
        if (count <= 0) {
            return 0;
        }
        DeployOutcome outcome = DeployEngine.deploy(
                sandbox, sandbox.adminUserId(), retrieved.zip(), new DeployEngine.Options(false, true));
        if (!outcome.success()) {
            List<String> problems = new ArrayList<>();
            if (outcome.errorMessage() != null) {
                problems.add(outcome.errorMessage());
            }
            for (ComponentResult f : outcome.failures()) {
                problems.add(f.componentType() + " " + f.fullName() + ": " + f.problem());
            }
            throw new CopyFailed("the production org's metadata could not be copied: " + String.join("; ", problems));
        }
        return count;
    }

    /** The apps as production has them, keys and certificates included (the sandbox trusts what production trusts). */
    private static void copyApps(Org production, Org sandbox) {
        String actor = sandbox.adminUserId();
        for (ExternalClientApp app : production.metadata().ecas()) {
            sandbox.metadata()
                    .putEca(
                            actor,
                            app.name(),
                            app.label(),
                            app.contactEmail(),
                            app.description(),
                            app.distributionState());
            if (app.global() != null) {
                sandbox.metadata().setGlobalOAuth(actor, app.name(), app.global());
            }
            if (app.oauth() != null) {
                sandbox.metadata().setOAuthSettings(actor, app.name(), app.oauth());
            }
            if (app.policies() != null) {
                sandbox.metadata().setOAuthPolicies(actor, app.name(), app.policies());
            }
            sandbox.metadata().setEnabled(actor, app.name(), app.enabled());
            sandbox.metadata().setInstalled(actor, app.name(), app.installed());
        }
    }

    /** Production user id to sandbox user id; the production admin is the sandbox's (already renamed) admin. */
    private static Map<String, String> copyUsers(Org production, Org sandbox, String sandboxName) {
        Map<String, String> ids = new HashMap<>();
        ids.put(production.adminUserId(), sandbox.adminUserId());
        SObjectType userType = sandbox.schema().get("User");
        for (Record user : production.db().rows("User", false)) {
            if (user.id().equals(production.adminUserId())) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (FieldDef f : userType.fields()) {
                Object v = user.get(f.name());
                if (v != null
                        && f.createable()
                        && f.type() != FieldType.REFERENCE
                        && !USER_SKIPPED.contains(f.name())) {
                    values.put(f.name(), v);
                }
            }
            values.put("Username", user.getString("Username") + "." + sandboxName.toLowerCase(java.util.Locale.ROOT));
            if (user.getString("Email") != null) {
                values.put("Email", user.getString("Email") + ".invalid");
            }
            values.put("ProfileId", sameNamed(production, sandbox, "Profile", user.getString("ProfileId")));
            ids.put(user.id(), sandbox.db().insert(sandbox.system(), "User", values));
        }
        return ids;
    }

    /**
     * Permission set license assignments (e.g. Salesforce API Integration for an integration user), first: a permission
     * set assignment may need the license (the platform checks it on the assignment).
     */
    private static void copyLicenseAssignments(Org production, Org sandbox, Map<String, String> users) {
        for (Record a : production.db().rows("PermissionSetLicenseAssign", false)) {
            Record license = production.db().live(a.getString("PermissionSetLicenseId"));
            String assignee = users.get(a.getString("AssigneeId"));
            if (license == null || assignee == null) {
                continue;
            }
            Record target = sandbox.db().findOne("PermissionSetLicense", "DeveloperName", license.get("DeveloperName"));
            if (target == null) {
                throw new CopyFailed(
                        "permission set license " + license.get("DeveloperName") + " does not exist in the sandbox");
            }
            if (!sandbox.db().findBy("PermissionSetLicenseAssign", "AssigneeId", assignee).stream()
                    .anyMatch(x -> target.id().equals(x.getString("PermissionSetLicenseId")))) {
                sandbox.db()
                        .insert(
                                sandbox.system(),
                                "PermissionSetLicenseAssign",
                                Map.of("PermissionSetLicenseId", target.id(), "AssigneeId", assignee));
            }
        }
    }

    private static int copyAssignments(Org production, Org sandbox, Map<String, String> users) {
        int n = 0;
        for (Record a : production.db().rows("PermissionSetAssignment", false)) {
            Record ps = production.db().live(a.getString("PermissionSetId"));
            String assignee = users.get(a.getString("AssigneeId"));
            if (ps == null || assignee == null || ps.is("IsOwnedByProfile")) {
                continue;
            }
            Record target = sandbox.db().findOne("PermissionSet", "Name", ps.getString("Name"));
            if (target == null) {
                throw new CopyFailed("permission set " + ps.getString("Name") + " was not copied to the sandbox");
            }
            if (sandbox.db().rows("PermissionSetAssignment", false).stream()
                    .anyMatch(x -> target.id().equals(x.getString("PermissionSetId"))
                            && assignee.equals(x.getString("AssigneeId")))) {
                continue;
            }
            sandbox.db()
                    .insert(
                            sandbox.system(),
                            "PermissionSetAssignment",
                            Map.of("PermissionSetId", target.id(), "AssigneeId", assignee));
            n++;
        }
        return n;
    }

    /** Custom settings' records (org default, per profile, per user), owners mapped to the sandbox's. */
    private static int copyCustomSettingRecords(Org production, Org sandbox, Map<String, String> users) {
        int n = 0;
        for (SObjectType t : production.schema().all()) {
            if (t.kind() != ObjectKind.CUSTOM_SETTING || sandbox.schema().get(t.name()) == null) {
                continue;
            }
            for (Record r : production.db().rows(t.name(), false)) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (FieldDef f : t.fields()) {
                    Object v = r.get(f.name());
                    if (v != null && f.custom() && f.createable()) {
                        values.put(f.name(), v);
                    }
                }
                if (r.get("Name") != null) {
                    values.put("Name", r.get("Name"));
                }
                String owner = r.getString("SetupOwnerId");
                if (owner != null) {
                    String mapped = owner.equals(production.orgId())
                            ? sandbox.orgId()
                            : owner.startsWith("005")
                                    ? users.get(owner)
                                    : sameNamed(production, sandbox, "Profile", owner);
                    if (mapped == null) {
                        continue;
                    }
                    values.put("SetupOwnerId", mapped);
                }
                sandbox.db().insert(sandbox.system(), t.name(), values);
                n++;
            }
        }
        return n;
    }

    /** The sandbox's record of {@code objectName} with the same Name as production's {@code id}. */
    private static String sameNamed(Org production, Org sandbox, String objectName, String id) {
        Record r = id == null ? null : production.db().live(id);
        if (r == null) {
            return null;
        }
        Record same = sandbox.db().findOne(objectName, "Name", r.getString("Name"));
        if (same == null) {
            throw new CopyFailed(objectName + " " + r.getString("Name") + " was not copied to the sandbox");
        }
        return same.id();
    }
}
