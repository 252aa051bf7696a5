package dev.warden.localorg.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Metadata API types the local org knows (resource {@code metadata-types.tsv}, written from the Metadata API
 * Developer Guide): what {@code describeMetadata} answers, and the layout of every type the org stores without a
 * unit of its own. Child types (CustomField, CustomLabel, WorkflowRule, ...) are entries too, pointing at their parent.
 */
public final class MetadataCatalogue {
    private static final Map<String, MetadataType> TYPES = load();

    private MetadataCatalogue() {}

    /** The type named so (a top-level or a child type), or null. */
    public static MetadataType type(String name) {
        return TYPES.get(name);
    }

    /** Top-level types in catalogue order (what describeMetadata lists). */
    public static List<MetadataType> topLevel() {
        return TYPES.values().stream().filter(t -> !t.isChild()).toList();
    }

    /** Every type name, children included. */
    public static List<String> names() {
        return new ArrayList<>(TYPES.keySet());
    }

    private static Map<String, MetadataType> load() {
        Map<String, MetadataType> out = new LinkedHashMap<>();
        try (InputStream in = MetadataCatalogue.class.getResourceAsStream("metadata-types.tsv")) {
            if (in == null) {
                throw new IllegalStateException("metadata-types.tsv is missing from the local org's resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = Arrays.copyOf(line.split("\t", -1), 7);
                String suffix = f[2].equals("-") ? null : f[2];
                List<String> children = new ArrayList<>();
                List<String[]> childElements = new ArrayList<>();
                if (f[6] != null && !f[6].isBlank()) {
                    for (String c : f[6].split(",")) {
                        String[] kv = c.trim().split("=");
                        children.add(kv[0]);
                        childElements.add(kv);
                    }
                }
                MetadataType t = new MetadataType(
                        f[0],
                        f[1],
                        suffix,
                        Boolean.parseBoolean(f[3]),
                        Boolean.parseBoolean(f[4]),
                        Collections.unmodifiableList(children),
                        null,
                        null,
                        Boolean.parseBoolean(f[5]));
                out.put(t.name(), t);
                for (String[] kv : childElements) {
                    out.put(kv[0], MetadataType.child(kv[0], t, kv[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
