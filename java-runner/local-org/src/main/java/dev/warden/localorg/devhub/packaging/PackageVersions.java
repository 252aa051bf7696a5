package dev.warden.localorg.devhub.packaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The package versions built by the Dev Hubs of this process, by 04t id. On Salesforce a 04t is global: any org can
 * install it. Here "any org" means any local org in the same JVM (the hub and the scratch orgs it hosts, or another
 * LocalOrgServer started beside it); a local org in another process cannot see them. 04t ids come from one counter
 * for the process, so two hubs in one JVM (as in tests) never hand out the same id.
 */
public final class PackageVersions {
    private static final PackageVersions PROCESS = new PackageVersions();

    private final Map<String, PackageVersion> byId = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, PackageVersionLabels> labels = new ConcurrentHashMap<>();

    /** The one registry of this process. */
    public static PackageVersions inThisProcess() {
        return PROCESS;
    }

    /** A fresh 04t id (15 characters, as Salesforce's short ids; the 18-character form is left to the caller). */
    public String nextSubscriberPackageVersionId() {
        return String.format("04t%012d", counter.incrementAndGet());
    }

    /** Stores a new version, or replaces one with the same 04t (promote); keyed by the 15-character id. */
    public void put(PackageVersion version) {
        byId.put(version.subscriberPackageVersionId().substring(0, 15), version);
    }

    /** The version with this 04t id (15 or 18 characters). */
    public Optional<PackageVersion> find(String subscriberPackageVersionId) {
        if (subscriberPackageVersionId == null || subscriberPackageVersionId.length() < 15) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(subscriberPackageVersionId.substring(0, 15)));
    }

    /** Every version of one package (0Ho), in no particular order. */
    public List<PackageVersion> ofPackage(String package2Id) {
        return byId.values().stream()
                .filter(v -> package2Id.equals(v.package2Id()))
                .toList();
    }

    /** Stores the labels of a version (what its SubscriberPackageVersion row shows), keyed by the 15-character id. */
    public void putLabels(PackageVersionLabels l) {
        labels.put(l.subscriberPackageVersionId().substring(0, 15), l);
    }

    /** The labels of the version with this 04t id (15 or 18 characters), if the hub recorded them. */
    public Optional<PackageVersionLabels> labels(String subscriberPackageVersionId) {
        if (subscriberPackageVersionId == null || subscriberPackageVersionId.length() < 15) {
            return Optional.empty();
        }
        return Optional.ofNullable(labels.get(subscriberPackageVersionId.substring(0, 15)));
    }
}
