package dev.warden.localorg.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads the standard CRM objects (Account, Contact, Opportunity, ...) from the committed describe snapshot
 * {@code standard-objects.sobjects} (format in the file's header) into a {@link Schema}: one definition per object,
 * restricted picklists enforced, unrestricted ones listed for describe, child relationship names registered.
 * A malformed line fails loudly with its line number: the org never starts with a half-read schema.
 */
public final class StandardObjectSnapshot {
    public static final String RESOURCE = "standard-objects.sobjects";
    private static final Set<String> FLAGS = Set.of("req", "ro", "co", "uniq", "rp", "ext", "name");

    private StandardObjectSnapshot() {}

    /** The snapshot's text, as committed. */
    public static String text() {
        try (InputStream in = StandardObjectSnapshot.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("describe snapshot " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read describe snapshot " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Names of the objects in the committed snapshot, in file order. */
    public static List<String> objectNames() {
        List<String> names = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (line.startsWith("@")) {
                names.add(line.substring(1, line.indexOf('|')));
            }
        }
        return names;
    }

    /** Defines every object of the committed snapshot; returns their names in file order. */
    public static List<String> load(Schema schema) {
        return load(schema, text());
    }

    /** Defines every object of {@code text}; returns their names in file order. */
    public static List<String> load(Schema schema, String text) {
        List<String> names = new ArrayList<>();
        Pending pending = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("@")) {
                    if (pending != null) {
                        pending.define(schema);
                    }
                    pending = object(line.substring(1));
                    names.add(pending.name);
                } else if (pending == null) {
                    throw new IllegalArgumentException("field line before any @Object line");
                } else {
                    pending.fields.add(field(pending.name, line));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (pending != null) {
            pending.define(schema);
        }
        return names;
    }

    private static Pending object(String spec) {
        String[] c = spec.split("\\|", -1);
        if (c.length != 5) {
            throw new IllegalArgumentException("object line needs name|keyPrefix|label|plural|capabilities: " + spec);
        }
        SObjectType.Capabilities caps = switch (c[4]) {
            case "DATA" -> SObjectType.Capabilities.DATA;
            case "NO_UNDELETE" -> new SObjectType.Capabilities(true, true, true, true, false, false);
            case "READ_DELETE" -> new SObjectType.Capabilities(false, false, true, true, false, false);
            case "READ_ONLY" -> SObjectType.Capabilities.READ_ONLY;
            default -> throw new IllegalArgumentException("unknown capabilities " + c[4]);
        };
        if (c[1].length() != 3) {
            throw new IllegalArgumentException("key prefix must have 3 characters: " + c[1]);
        }
        return new Pending(c[0], c[1], c[2], c[3], caps);
    }

    private static ParsedField field(String objectName, String spec) {
        String[] c = Arrays.copyOf(spec.split("\\|", -1), 10);
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i] == null ? "" : c[i].strip();
        }
        String name = c[0];
        FieldType type = type(c[1]);
        Set<String> flags = Set.of();
        if (!c[3].isEmpty()) {
            flags = Set.of(c[3].split(","));
            for (String f : flags) {
                if (!FLAGS.contains(f)) {
                    throw new IllegalArgumentException("unknown flag '" + f + "' on " + objectName + "." + name);
                }
            }
        }
        FieldDef.Builder b = FieldDef.of(name, type);
        if (!c[2].isEmpty() && !c[2].equals("0")) {
            b.length(Integer.parseInt(c[2]));
        }
        if (!c[4].isEmpty()) {
            b.label(c[4]);
        }
        if (flags.contains("req")) {
            b.required();
        }
        if (flags.contains("ro")) {
            b.readOnly();
        }
        if (flags.contains("co")) {
            b.createOnly();
        }
        if (flags.contains("uniq")) {
            b.unique();
        }
        List<String> targets = c[5].isEmpty() ? List.of() : List.of(c[5].split(","));
        if (type == FieldType.REFERENCE) {
            if (targets.isEmpty() || c[6].isEmpty()) {
                throw new IllegalArgumentException(
                        "reference " + objectName + "." + name + " needs referenceTo and a relationship name");
            }
            b.references(c[6], targets.toArray(String[]::new));
        } else if (!targets.isEmpty()) {
            throw new IllegalArgumentException(objectName + "." + name + " is not a reference but has referenceTo");
        }
        List<String> picklist = c[8].isEmpty() ? List.of() : List.of(c[8].split(";"));
        boolean restricted = flags.contains("rp");
        if (!picklist.isEmpty() && type != FieldType.PICKLIST && type != FieldType.MULTIPICKLIST) {
            throw new IllegalArgumentException(objectName + "." + name + " is not a picklist but lists values");
        }
        if (restricted) {
            b.picklist(picklist);
        }
        if (!c[9].isEmpty()) {
            if (!picklist.isEmpty() && !picklist.contains(c[9])) {
                throw new IllegalArgumentException(
                        "default '" + c[9] + "' of " + objectName + "." + name + " is not one of its values");
            }
            b.defaultValue(c[9]);
        }
        if (flags.contains("ext")) {
            b.externalId(); // an upsert key (Product2.ExternalId), not just a describe fact
        }
        DescribeFacts facts = picklist.isEmpty() && !flags.contains("ext") && !flags.contains("name")
                ? null
                : new DescribeFacts(picklist, restricted, flags.contains("ext"), flags.contains("name"));
        String child = c[7].isEmpty() ? null : c[7];
        return new ParsedField(b.build(), facts, child);
    }

    private static FieldType type(String name) {
        try {
            return FieldType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + name + "'");
        }
    }

    private record ParsedField(FieldDef def, DescribeFacts facts, String childRelationship) {}

    private static final class Pending {
        final String name;
        final String prefix;
        final String label;
        final String plural;
        final SObjectType.Capabilities caps;
        final List<ParsedField> fields = new ArrayList<>();

        Pending(String name, String prefix, String label, String plural, SObjectType.Capabilities caps) {
            this.name = name;
            this.prefix = prefix;
            this.label = label;
            this.plural = plural;
            this.caps = caps;
        }

        void define(Schema schema) {
            if (schema.get(name) != null) {
                throw new IllegalArgumentException("object " + name + " is defined twice");
            }
            if (schema.forId(prefix + "000000000000") != null) {
                throw new IllegalArgumentException("key prefix " + prefix + " of " + name + " is already used by "
                        + schema.forId(prefix + "000000000000").name());
            }
            List<FieldDef> defs = fields.stream().map(ParsedField::def).toList();
            schema.define(new ObjectDefinition(name, ObjectKind.STANDARD, label, plural, prefix, caps, defs, null));
            for (ParsedField f : fields) {
                if (f.facts() != null) {
                    schema.putDescribeFacts(name, f.def().name(), f.facts());
                }
                if (f.childRelationship() != null) {
                    schema.nameChildRelationship(name, f.def().name(), f.childRelationship());
                }
            }
        }
    }
}
