package dev.warden.localorg.setup;

import dev.warden.localorg.audit.SetupAudit;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.UserPermissions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Org state that lives in metadata rather than (only) in records, filled by deploys: External Client Apps, Network
 * Access, profile login IP ranges, settings; plus deploy-style writers for the metadata that also has a record
 * face (Apex classes and triggers, static resources, custom permissions, permission set contents). Every change
 * writes SetupAuditTrail. Methods throw {@link OrgException} with a deploy-style problem message on bad input.
 */
public final class OrgMetadata {
    /** Dependencies enforced on permission set deploys (metadata-and-api.md 3.3; only the documented ones). */
    private static final Map<String, List<String>> PERMISSION_DEPENDENCIES = Map.of(
            "QueryAllFiles", List.of("ViewAllData"),
            "ModifyAllData", List.of("ViewAllData"));

    private final OrgDatabase db;
    private final SetupAudit audit;
    private final Map<String, ExternalClientApp> ecas =
            new java.util.concurrent.ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);
    private volatile List<IpRange> trustedIpRanges = List.of();
    private final Map<String, List<IpRange>> profileLoginIpRanges =
            new java.util.concurrent.ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Map<String, Object>> settings =
            new java.util.concurrent.ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);

    public OrgMetadata(OrgDatabase db, SetupAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Puts saved state back (loading a state file); no audit rows, the ECA records are already restored. */
    void restore(
            List<ExternalClientApp> apps,
            List<IpRange> trusted,
            Map<String, List<IpRange>> profileRanges,
            Map<String, Map<String, Object>> savedSettings) {
        if (apps != null) {
            apps.forEach(a -> ecas.put(a.name(), a));
        }
        trustedIpRanges = trusted == null ? List.of() : List.copyOf(trusted);
        if (profileRanges != null) {
            profileLoginIpRanges.putAll(profileRanges);
        }
        if (savedSettings != null) {
            savedSettings.forEach((k, v) -> settings.put(k, new java.util.concurrent.ConcurrentSkipListMap<>(v)));
        }
    }

    // ------------------------------------------------------------------ External Client Apps

    /** Creates or updates the ECA itself (ExternalClientApplication); satellites stay as they were. */
    public ExternalClientApp putEca(
            String actor,
            String name,
            String label,
            String contactEmail,
            String description,
            String distributionState) {
        return db.transaction(() -> {
            ExternalClientApp old = ecas.get(name);
            ExternalClientApp app = old == null
                    ? new ExternalClientApp(
                            name,
                            label,
                            contactEmail,
                            description,
                            distributionState == null ? "Local" : distributionState,
                            null,
                            null,
                            null,
                            true,
                            false)
                    : new ExternalClientApp(
                            old.name(),
                            label,
                            contactEmail,
                            description,
                            distributionState == null ? old.distributionState() : distributionState,
                            old.global(),
                            old.oauth(),
                            old.policies(),
                            old.enabled(),
                            old.installed());
            ecas.put(name, app);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("DeveloperName", app.name());
            fields.put("MasterLabel", label == null ? name : label);
            fields.put("ContactEmail", contactEmail);
            fields.put("Description", description);
            fields.put("DistributionState", app.distributionState());
            Record rec = db.findOne("ExternalClientApplication", "DeveloperName", name);
            if (rec == null) {
                db.insert(Caller.system(actor), "ExternalClientApplication", fields);
            } else {
                db.update(Caller.system(actor), rec.id(), fields);
            }
            return app;
        });
    }

    public ExternalClientApp setGlobalOAuth(String actor, String appName, ExternalClientApp.GlobalOAuth g) {
        return db.transaction(() -> {
            ExternalClientApp app = requireEca(appName).withGlobal(g);
            for (ExternalClientApp other : ecas.values()) {
                if (!other.name().equalsIgnoreCase(appName)
                        && other.global() != null
                        && g.consumerKey() != null
                        && g.consumerKey().equals(other.global().consumerKey())) {
                    throw new OrgException(
                            "DUPLICATE_VALUE", "Consumer key is already used by External Client App " + other.name());
                }
            }
            return store(actor, app, "Changed global OAuth settings");
        });
    }

    public ExternalClientApp setOAuthSettings(String actor, String appName, ExternalClientApp.OAuthSettings o) {
        return db.transaction(() -> {
            return store(actor, requireEca(appName).withOAuth(o), "Changed OAuth settings");
        });
    }

    public ExternalClientApp setOAuthPolicies(String actor, String appName, ExternalClientApp.OAuthPolicies p) {
        return db.transaction(() -> {
            return store(actor, requireEca(appName).withPolicies(p), "Changed OAuth policies");
        });
    }

    public ExternalClientApp setEnabled(String actor, String appName, boolean enabled) {
        return db.transaction(() -> {
            return store(actor, requireEca(appName).withEnabled(enabled), enabled ? "Enabled" : "Disabled");
        });
    }

    /** Stands for Setup → Connected Apps OAuth Usage → Install / Uninstall (no public API exists). */
    public ExternalClientApp setInstalled(String actor, String appName, boolean installed) {
        return db.transaction(() -> {
            return store(actor, requireEca(appName).withInstalled(installed), installed ? "Installed" : "Uninstalled");
        });
    }

    public void removeEca(String actor, String appName) {
        db.transaction(() -> {
            requireEca(appName);
            ecas.remove(appName);
            Record rec = db.findOne("ExternalClientApplication", "DeveloperName", appName);
            if (rec != null) {
                db.delete(Caller.system(actor), rec.id());
            }
            audit.record(
                    actor,
                    "External Client Apps",
                    "deletedExternalClientApp",
                    "Deleted External Client App " + appName);
        });
    }

    public Optional<ExternalClientApp> eca(String name) {
        return Optional.ofNullable(ecas.get(name));
    }

    public List<ExternalClientApp> ecas() {
        return List.copyOf(ecas.values());
    }

    /** The ECA whose global OAuth settings carry this consumer key (the JWT {@code iss} / OAuth client_id). */
    public Optional<ExternalClientApp> ecaByConsumerKey(String consumerKey) {
        return ecas.values().stream()
                .filter(a -> a.global() != null
                        && consumerKey != null
                        && consumerKey.equals(a.global().consumerKey()))
                .findFirst();
    }

    private ExternalClientApp requireEca(String name) {
        ExternalClientApp app = ecas.get(name);
        if (app == null) {
            throw new OrgException(
                    "INVALID_CROSS_REFERENCE_KEY",
                    "no ExternalClientApplication named " + name
                            + " found (deploy the ExternalClientApplication before its settings)");
        }
        return app;
    }

    private ExternalClientApp store(String actor, ExternalClientApp app, String what) {
        ecas.put(app.name(), app);
        audit.record(
                actor,
                "External Client Apps",
                "changedExternalClientApp",
                what + " of External Client App " + app.name());
        return app;
    }

    // ------------------------------------------------------------------ network access

    public List<IpRange> trustedIpRanges() {
        return trustedIpRanges;
    }

    /** Full replace, like a SecuritySettings deploy ("deploy all existing IP ranges, including the one you want to add"). */
    public void setTrustedIpRanges(String actor, List<IpRange> ranges) {
        db.transaction(() -> {
            trustedIpRanges = List.copyOf(ranges);
            audit.record(
                    actor, "Network Access", "changedTrustedIpRanges", "Trusted IP ranges set to " + describe(ranges));
        });
    }

    /**
     * Inside a trusted range (Network Access): such logins skip the identity challenge, and a password login
     * needs no security token (salesforce-metadata-and-api.md 5.1, KB 000386441). Trusted ranges never block.
     */
    public boolean isTrustedAddress(String address) {
        return trustedIpRanges.stream().anyMatch(r -> r.contains(address));
    }

    public List<IpRange> profileLoginIpRanges(String profileName) {
        return profileLoginIpRanges.getOrDefault(profileName, List.of());
    }

    public void setProfileLoginIpRanges(String actor, String profileName, List<IpRange> ranges) {
        db.transaction(() -> {
            if (db.findOne("Profile", "Name", profileName) == null) {
                throw new OrgException("INVALID_CROSS_REFERENCE_KEY", "no Profile named " + profileName + " found");
            }
            profileLoginIpRanges.put(profileName, List.copyOf(ranges));
            audit.record(
                    actor,
                    "Manage Users",
                    "changedLoginIpRanges",
                    "Login IP ranges of profile " + profileName + " set to " + describe(ranges));
        });
    }

    public Map<String, List<IpRange>> allProfileLoginIpRanges() {
        return Map.copyOf(profileLoginIpRanges);
    }

    private static String describe(List<IpRange> ranges) {
        List<String> parts = new ArrayList<>();
        for (IpRange r : ranges) {
            parts.add(r.start() + "-" + r.end());
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    // ------------------------------------------------------------------ settings

    /** A Settings metadata type's fields (e.g. {@code Security}, {@code Content}); values merge into what is there. */
    public void putSettings(String actor, String settingsName, Map<String, Object> values) {
        db.transaction(() -> {
            settings.computeIfAbsent(settingsName, k -> new java.util.concurrent.ConcurrentSkipListMap<>())
                    .putAll(values);
            audit.record(
                    actor,
                    settingsName + " Settings",
                    "changed" + settingsName + "Settings",
                    "Changed " + settingsName + " settings: " + String.join(", ", values.keySet()));
        });
    }

    public Map<String, Object> settings(String settingsName) {
        return Map.copyOf(settings.getOrDefault(settingsName, Map.of()));
    }

    public Map<String, Map<String, Object>> allSettings() {
        Map<String, Map<String, Object>> copy = new TreeMap<>();
        settings.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    // ------------------------------------------------------------------ Apex, static resources, custom permissions

    /** Deploys an Apex class (stored, never executed). {@code valid=false} records a class that failed to compile. */
    public String deployApexClass(String actor, String name, String body, double apiVersion, boolean valid) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Name", name);
        f.put("Body", body);
        f.put("ApiVersion", apiVersion);
        f.put("Status", "Active");
        f.put("IsValid", valid);
        f.put("LengthWithoutComments", body == null ? 0 : body.length());
        return upsertByField(actor, "ApexClass", "Name", name, f);
    }

    /** Deploys an Apex trigger on {@code objectName}; {@code events} like {@code after insert}. */
    public String deployApexTrigger(
            String actor,
            String name,
            String objectName,
            String body,
            double apiVersion,
            boolean active,
            Set<String> events) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Name", name);
        f.put("TableEnumOrId", objectName);
        f.put("Body", body);
        f.put("ApiVersion", apiVersion);
        f.put("Status", active ? "Active" : "Inactive");
        f.put("IsValid", true);
        Set<String> ev = new HashSet<>();
        for (String e : events) {
            ev.add(e.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim());
        }
        f.put("UsageBeforeInsert", ev.contains("before insert"));
        f.put("UsageAfterInsert", ev.contains("after insert"));
        f.put("UsageBeforeUpdate", ev.contains("before update"));
        f.put("UsageAfterUpdate", ev.contains("after update"));
        f.put("UsageBeforeDelete", ev.contains("before delete"));
        f.put("UsageAfterDelete", ev.contains("after delete"));
        f.put("UsageAfterUndelete", ev.contains("after undelete"));
        return upsertByField(actor, "ApexTrigger", "Name", name, f);
    }

    public String deployStaticResource(
            String actor, String name, String contentType, byte[] body, String cacheControl, String description) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Name", name);
        f.put("ContentType", contentType);
        f.put("Body", body);
        f.put("BodyLength", body.length);
        f.put("CacheControl", cacheControl == null ? "Private" : cacheControl);
        f.put("Description", description);
        return upsertByField(actor, "StaticResource", "Name", name, f);
    }

    /** A static resource's body as deployed, or null. */
    public byte[] staticResource(String name) {
        Record r = db.findOne("StaticResource", "Name", name);
        return r == null ? null : (byte[]) r.get("Body");
    }

    public String staticResourceText(String name) {
        byte[] b = staticResource(name);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    public String deployCustomPermission(String actor, String name, String label, String description) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("DeveloperName", name);
        f.put("MasterLabel", label == null ? name : label);
        f.put("Description", description);
        f.put("IsProtected", false);
        return upsertByField(actor, "CustomPermission", "DeveloperName", name, f);
    }

    /** Removes a metadata-backed record (ApexClass, ApexTrigger, StaticResource, CustomPermission) by name. */
    public void deleteNamed(String actor, String objectName, String name) {
        String field = objectName.equals("CustomPermission") ? "DeveloperName" : "Name";
        Record r = db.findOne(objectName, field, name);
        if (r != null) {
            db.delete(Caller.system(actor), r.id());
        }
    }

    private String upsertByField(String actor, String objectName, String field, String value, Map<String, Object> f) {
        Record r = db.findOne(objectName, field, value);
        if (r == null) {
            return db.insert(Caller.system(actor), objectName, f);
        }
        db.update(Caller.system(actor), r.id(), f);
        return r.id();
    }

    // ------------------------------------------------------------------ permission sets

    /**
     * Deploys a permission set: full replace of its user permissions, object permissions, custom permissions and
     * class accesses, in one transaction (fails as a whole: unknown permission, missing dependency, unknown custom
     * permission/class/object, license change, or an assignee's license not allowing the new content).
     *
     * @return the PermissionSet id
     */
    public String deployPermissionSet(String actor, PermissionSetContent ps) {
        return db.transaction(() -> {
            Caller sys = Caller.system(actor);
            Set<String> perms = new HashSet<>();
            for (String p : ps.userPermissions()) {
                String canonical = UserPermissions.canonical(p);
                if (canonical == null) {
                    // Wording from SFDO-Community/declarative-lookup-rollup-summaries #58 (metadata-and-api.md 4.4).
                    throw new OrgException("INVALID_FIELD", "Unknown user permission: " + p);
                }
                perms.add(canonical);
            }
            for (String p : perms) {
                for (String required : PERMISSION_DEPENDENCIES.getOrDefault(p, List.of())) {
                    if (!perms.contains(required)) {
                        throw new OrgException(
                                "FIELD_INTEGRITY_EXCEPTION",
                                "Permission " + p
                                        + " depends on permission(s): "
                                        + String.join(", ", PERMISSION_DEPENDENCIES.get(p)));
                    }
                }
            }
            String licenseId = ps.license() == null ? null : resolveLicense(ps.license());
            Record existing = db.findOne("PermissionSet", "Name", ps.name());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("Label", ps.label() == null ? ps.name() : ps.label());
            f.put("Description", ps.description());
            f.put("HasActivationRequired", ps.hasActivationRequired());
            for (String p : UserPermissions.names()) {
                f.put(UserPermissions.fieldName(p), perms.contains(p));
            }
            String id;
            if (existing == null) {
                f.put("Name", ps.name());
                f.put("LicenseId", licenseId);
                id = db.insert(sys, "PermissionSet", f);
            } else {
                if (existing.is("IsOwnedByProfile")) {
                    throw new OrgException("FIELD_INTEGRITY_EXCEPTION", ps.name() + " is owned by a profile");
                }
                String oldLicense = existing.getString("LicenseId");
                if (!java.util.Objects.equals(oldLicense, licenseId)) {
                    throw new OrgException(
                            "FIELD_INTEGRITY_EXCEPTION",
                            "You can't change the license of permission set " + ps.name() + " after it is created.");
                }
                id = existing.id();
                for (String child : List.of("ObjectPermissions", "SetupEntityAccess")) {
                    for (Record r : db.findBy(child, "ParentId", id)) {
                        db.delete(sys, r.id());
                    }
                }
                db.update(sys, id, f);
            }
            for (PermissionSetContent.ObjectPermission op : ps.objectPermissions()) {
                if (db.schema().get(op.object()) == null) {
                    throw new OrgException(
                            "INVALID_TYPE", "In field: object - no CustomObject named " + op.object() + " found");
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ParentId", id);
                o.put("SobjectType", db.schema().get(op.object()).name());
                o.put("PermissionsRead", op.read() || op.edit() || op.viewAll());
                o.put("PermissionsCreate", op.create());
                o.put("PermissionsEdit", op.edit() || op.delete());
                o.put("PermissionsDelete", op.delete() || op.modifyAll());
                o.put("PermissionsViewAllRecords", op.viewAll() || op.modifyAll());
                o.put("PermissionsModifyAllRecords", op.modifyAll());
                db.insert(sys, "ObjectPermissions", o);
            }
            for (String cp : ps.customPermissions()) {
                Record r = db.findOne("CustomPermission", "DeveloperName", cp);
                if (r == null) {
                    throw new OrgException(
                            "INVALID_CROSS_REFERENCE_KEY",
                            "In field: customPermissions - no CustomPermission named " + cp + " found");
                }
                db.insert(
                        sys,
                        "SetupEntityAccess",
                        Map.of("ParentId", id, "SetupEntityId", r.id(), "SetupEntityType", "CustomPermission"));
            }
            for (String cls : ps.classAccesses()) {
                Record r = db.findOne("ApexClass", "Name", cls);
                if (r == null) {
                    throw new OrgException(
                            "INVALID_CROSS_REFERENCE_KEY",
                            "In field: apexClass - no ApexClass named " + cls + " found");
                }
                db.insert(
                        sys,
                        "SetupEntityAccess",
                        Map.of("ParentId", id, "SetupEntityId", r.id(), "SetupEntityType", "ApexClass"));
            }
            return id;
        });
    }

    /** The deployed content of a permission set (what a retrieve returns), or empty. */
    public Optional<PermissionSetContent> readPermissionSet(String name) {
        Record ps = db.findOne("PermissionSet", "Name", name);
        if (ps == null) {
            return Optional.empty();
        }
        Set<String> perms = new java.util.LinkedHashSet<>();
        for (String p : UserPermissions.names()) {
            if (ps.is(UserPermissions.fieldName(p))) {
                perms.add(p);
            }
        }
        List<PermissionSetContent.ObjectPermission> objects = new ArrayList<>();
        for (Record op : db.findBy("ObjectPermissions", "ParentId", ps.id())) {
            objects.add(new PermissionSetContent.ObjectPermission(
                    op.getString("SobjectType"),
                    op.is("PermissionsRead"),
                    op.is("PermissionsCreate"),
                    op.is("PermissionsEdit"),
                    op.is("PermissionsDelete"),
                    op.is("PermissionsViewAllRecords"),
                    op.is("PermissionsModifyAllRecords")));
        }
        Set<String> custom = new java.util.LinkedHashSet<>();
        Set<String> classes = new java.util.LinkedHashSet<>();
        for (Record sea : db.findBy("SetupEntityAccess", "ParentId", ps.id())) {
            Record e = db.live(sea.getString("SetupEntityId"));
            if (e != null && e.objectName().equals("CustomPermission")) {
                custom.add(e.getString("DeveloperName"));
            } else if (e != null && e.objectName().equals("ApexClass")) {
                classes.add(e.getString("Name"));
            }
        }
        String license = null;
        if (ps.get("LicenseId") != null) {
            Record lic = db.retrieve(ps.getString("LicenseId"));
            license = lic == null
                    ? null
                    : lic.objectName().equals("PermissionSetLicense")
                            ? lic.getString("MasterLabel")
                            : lic.getString("Name");
        }
        return Optional.of(new PermissionSetContent(
                ps.getString("Name"),
                ps.getString("Label"),
                ps.getString("Description"),
                license,
                ps.is("HasActivationRequired"),
                perms,
                objects,
                custom,
                classes));
    }

    private String resolveLicense(String license) {
        for (Record psl : db.rows("PermissionSetLicense", false)) {
            if (license.equalsIgnoreCase(psl.getString("DeveloperName"))
                    || license.equalsIgnoreCase(psl.getString("MasterLabel"))) {
                return psl.id();
            }
        }
        Record ul = db.findOne("UserLicense", "Name", license);
        if (ul != null) {
            return ul.id();
        }
        throw new OrgException(
                "FIELD_INTEGRITY_EXCEPTION", "In field: license - no license named " + license + " found");
    }
}
