package dev.warden.localorg.metadata;

import dev.warden.localorg.setup.Org;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The metadata files a deploy brought, as deployed, kept per org for retrieve and listMetadata. Types with a
 * structured home in the org (permission sets, Apex, ECAs, settings, ...) are regenerated from that home instead;
 * this holds the rest (objects' full XML, layouts, tabs, list views) and the files' original text. A reset org is
 * a new {@link Org}, so it starts empty.
 */
public final class DeployedFiles {
    private static final Map<Org, DeployedFiles> BY_ORG = Collections.synchronizedMap(new WeakHashMap<>());

    /** One stored component: its mdapi file name and bytes. */
    public record StoredFile(String type, String fullName, String fileName, byte[] bytes) {}

    private final Map<String, StoredFile> files = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static DeployedFiles of(Org org) {
        return BY_ORG.computeIfAbsent(org, o -> new DeployedFiles());
    }

    public synchronized void put(StoredFile f) {
        files.put(f.type() + ":" + f.fullName(), f);
    }

    public synchronized void remove(String type, String fullName) {
        files.remove(type + ":" + fullName);
    }

    public synchronized StoredFile get(String type, String fullName) {
        return files.get(type + ":" + fullName);
    }

    public synchronized List<StoredFile> ofType(String type) {
        return files.values().stream().filter(f -> f.type().equals(type)).toList();
    }
}
