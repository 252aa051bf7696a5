package dev.warden.localorg.pkg;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link PackageOrg} over the local org's model: metadata as deployed, effective access, the record store. */
final class OrgPackageOrg implements PackageOrg {
    private final Org org;
    private final OrgDatabase db;

    OrgPackageOrg(Org org) {
        this.org = org;
        this.db = org.db();
    }

    @Override
    public Optional<byte[]> staticResource(String name) {
        return Optional.ofNullable(org.metadata().staticResource(name));
    }

    @Override
    public List<Map<String, Object>> customMetadata(String type) {
        if (org.schema().get(type) == null) {
            return List.of();
        }
        return db.rows(type, false).stream().map(Record::toMap).toList();
    }

    @Override
    public boolean triggerActive(String triggerName) {
        Record t = db.findOne("ApexTrigger", "Name", triggerName);
        return t != null && "Active".equals(t.getString("Status"));
    }

    @Override
    public boolean apexClassDeployed(String className) {
        return db.findOne("ApexClass", "Name", className) != null;
    }

    /** Like {@code Warden_Settings__c.getInstance()}: the user's record, else the profile's, else the org default. */
    @Override
    public Map<String, Object> hierarchySetting(String settingObject, String userId) {
        if (org.schema().get(settingObject) == null) {
            return Map.of();
        }
        List<String> owners = new ArrayList<>();
        owners.add(userId);
        Record user = db.live(userId);
        if (user != null && user.get("ProfileId") != null) {
            owners.add(user.getString("ProfileId"));
        }
        owners.add(org.orgId());
        for (String owner : owners) {
            List<Record> found = db.findBy(settingObject, "SetupOwnerId", owner);
            if (!found.isEmpty()) {
                return found.get(0).toMap();
            }
        }
        return Map.of();
    }

    @Override
    public boolean hasCustomPermission(String userId, String permission) {
        return Access.ofUser(db, userId).hasCustomPermission(permission);
    }

    @Override
    public boolean canRead(String userId, String objectName) {
        return Access.ofUser(db, userId).object(objectName).read();
    }

    @Override
    public boolean canEdit(String userId, String objectName) {
        return Access.ofUser(db, userId).object(objectName).edit();
    }

    @Override
    public boolean hasField(String objectName, String field) {
        SObjectType type = org.schema().get(objectName);
        return type != null && type.field(field) != null;
    }

    @Override
    public String objectOf(String id) {
        if (!Ids.isValid(id)) {
            return null;
        }
        SObjectType type = org.schema().forId(id);
        return type == null ? null : type.name();
    }

    @Override
    public Map<String, Object> get(String id) {
        if (!Ids.isValid(id)) {
            return null;
        }
        Record r = db.live(id);
        return r == null ? null : r.toMap();
    }

    @Override
    public List<Map<String, Object>> findBy(String objectName, String field, Object value) {
        return db.findBy(objectName, field, value).stream().map(Record::toMap).toList();
    }

    @Override
    public String insert(String userId, String objectName, Map<String, Object> values) {
        return db.insert(Caller.system(userId), objectName, values);
    }

    @Override
    public void update(String userId, String id, Map<String, Object> values) {
        db.update(Caller.system(userId), id, values);
    }

    @Override
    public void delete(String userId, String id) {
        db.delete(Caller.system(userId), id);
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(work);
    }

    @Override
    public Instant now() {
        return db.clock().instant();
    }
}
