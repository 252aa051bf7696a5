package dev.warden.localorg.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An sObject type: its fields and their storage slots. A record is one {@code Object[]} indexed by slot, so adding a
 * field at run time (a deploy) only appends a slot; rows written before simply read null there.
 * Field changes are copy-on-write so readers never see a half-built field list.
 */
public final class SObjectType {
    private final String name;
    private final ObjectKind kind;
    private final String keyPrefix;
    private volatile String label;
    private volatile String pluralLabel;
    private volatile Capabilities capabilities;
    private volatile List<FieldDef> fields = List.of();
    private volatile Map<String, Integer> slots = Map.of();

    /**
     * What the data APIs may do with the type.
     *
     * @param setup changes are setup changes (written to SetupAuditTrail)
     */
    public record Capabilities(
            boolean createable,
            boolean updateable,
            boolean deletable,
            boolean queryable,
            boolean undeletable,
            boolean setup) {
        public static final Capabilities DATA = new Capabilities(true, true, true, true, true, false);
        public static final Capabilities SETUP = new Capabilities(true, true, true, true, false, true);
        public static final Capabilities READ_ONLY = new Capabilities(false, false, false, true, false, false);

        public Capabilities withDeletable(boolean d) {
            return new Capabilities(createable, updateable, d, queryable, undeletable && d, setup);
        }

        public Capabilities withCreateable(boolean c) {
            return new Capabilities(c, updateable, deletable, queryable, undeletable, setup);
        }

        public Capabilities withUpdateable(boolean u) {
            return new Capabilities(createable, u, deletable, queryable, undeletable, setup);
        }

        public Capabilities withQueryable(boolean q) {
            return new Capabilities(createable, updateable, deletable, q, undeletable, setup);
        }
    }

    SObjectType(String name, ObjectKind kind, String keyPrefix, String label, String pluralLabel, Capabilities caps) {
        this.name = name;
        this.kind = kind;
        this.keyPrefix = keyPrefix;
        this.label = label;
        this.pluralLabel = pluralLabel;
        this.capabilities = caps;
    }

    public String name() {
        return name;
    }

    public ObjectKind kind() {
        return kind;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public String label() {
        return label;
    }

    public String pluralLabel() {
        return pluralLabel;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public boolean custom() {
        return kind != ObjectKind.STANDARD;
    }

    /** Fields in definition order (Id first). */
    public List<FieldDef> fields() {
        return fields;
    }

    public int fieldCount() {
        return fields.size();
    }

    /** Slot of a field, case-insensitive; -1 when the type has no such field. */
    public int slot(String fieldName) {
        Integer s = slots.get(fieldName.toLowerCase(Locale.ROOT));
        return s == null ? -1 : s;
    }

    public FieldDef field(String fieldName) {
        int s = slot(fieldName);
        return s < 0 ? null : fields.get(s);
    }

    public FieldDef fieldAt(int slot) {
        return fields.get(slot);
    }

    /** The reference field whose relationship name is {@code relationshipName} (case-insensitive), or null. */
    public FieldDef relationship(String relationshipName) {
        for (FieldDef f : fields) {
            if (f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationshipName)) {
                return f;
            }
        }
        return null;
    }

    synchronized void setLabels(String newLabel, String newPlural) {
        if (newLabel != null) {
            label = newLabel;
        }
        if (newPlural != null) {
            pluralLabel = newPlural;
        }
    }

    synchronized void setCapabilities(Capabilities caps) {
        capabilities = caps;
    }

    /** Adds or replaces a field. A replaced field keeps its slot, so stored values stay in place. */
    synchronized FieldDef putField(FieldDef def) {
        Integer existing = slots.get(def.name().toLowerCase(Locale.ROOT));
        List<FieldDef> copy = new ArrayList<>(fields);
        if (existing != null) {
            copy.set(existing, def);
            fields = Collections.unmodifiableList(copy);
            return def;
        }
        copy.add(def);
        Map<String, Integer> slotCopy = new HashMap<>(slots);
        slotCopy.put(def.name().toLowerCase(Locale.ROOT), copy.size() - 1);
        fields = Collections.unmodifiableList(copy);
        slots = Collections.unmodifiableMap(slotCopy);
        return def;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Labels, capabilities and fields at one moment (for {@link Schema#snapshot}). */
    public record State(
            String label,
            String pluralLabel,
            Capabilities capabilities,
            List<FieldDef> fields,
            Map<String, Integer> slots) {}

    synchronized State state() {
        return new State(label, pluralLabel, capabilities, fields, slots);
    }

    synchronized void restore(State s) {
        label = s.label();
        pluralLabel = s.pluralLabel();
        capabilities = s.capabilities();
        fields = s.fields();
        slots = s.slots();
    }
}
