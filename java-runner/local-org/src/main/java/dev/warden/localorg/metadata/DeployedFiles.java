package dev.warden.localorg.metadata;

import dev.warden.localorg.setup.Org;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The metadata files a deploy brought, as deployed, kept per org for retrieve and listMetadata. Types with a
 * structured home in the org (permission sets, Apex, ECAs, settings, ...) are regenerated from that home instead;
 * this holds the rest (objects' full XML, stored-only types, bundles) byte for byte. A reset org is a new
 * {@link Org}, so it starts empty.
 */
public final class DeployedFiles {
    private static final Map<Org, DeployedFiles> BY_ORG = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * One stored component: its files (mdapi path to bytes), the main file first.
     *
     * @param fileName the main file's path
     */
    public record StoredFile(String type, String fullName, String fileName, Map<String, byte[]> files) {
        public StoredFile {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }

        /** A component that is one file. */
        public StoredFile(String type, String fullName, String fileName, byte[] bytes) {
            this(type, fullName, fileName, Map.of(fileName, bytes));
        }

        /** The main file's bytes. */
        public byte[] bytes() {
            return files.get(fileName);
        }
    }

    private final Map<String, StoredFile> files = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static DeployedFiles of(Org org) {
        return BY_ORG.computeIfAbsent(org, o -> new DeployedFiles());
    }

    public synchronized void put(StoredFile f) {
        files.put(f.type() + ":" + f.fullName(), f);
    }

    public synchronized StoredFile remove(String type, String fullName) {
        return files.remove(type + ":" + fullName);
    }

    public synchronized StoredFile get(String type, String fullName) {
        return files.get(type + ":" + fullName);
    }

    public synchronized List<StoredFile> ofType(String type) {
        return files.values().stream().filter(f -> f.type().equals(type)).toList();
    }

    /** Everything stored now (a deploy puts it back with {@link #restore} when it rolls back or only validates). */
    public synchronized Map<String, StoredFile> snapshot() {
        Map<String, StoredFile> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(files);
        return copy;
    }

    public synchronized void restore(Map<String, StoredFile> snapshot) {
        files.clear();
        files.putAll(snapshot);
    }
}
