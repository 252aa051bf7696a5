package dev.warden.runner.provision;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NetworkState;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.salesforce.SalesforceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads what the planner and verifier need, with as few calls as the org allows (queries by IN lists). */
public final class Observer {
    private final RecordsPort records;
    private final MetadataPort metadata;
    private final OrgKeys keys;
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    private final dev.warden.runner.org.AppUsagePort appUsage;

    public Observer(
            RecordsPort records, MetadataPort metadata, dev.warden.runner.org.AppUsagePort appUsage, OrgKeys keys) {
        this.appUsage = appUsage;
        this.records = records;
        this.metadata = metadata;
        this.keys = keys;
    }

    /** Problems reading optional parts (for example no Metadata API), in Salesforce's words. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Error codes that say the org has no such API or type (an edition without the Metadata API, a type it does not
     * know): only those make a part "not readable here" (a warning, and the planner leaves it out). Any other failure
     * (a fault that outlived the retries, a lost answer, a permission error) stops the observation with Salesforce's
     * error: taking a failed read for "absent" would plan the wrong steps.
     */
    static final java.util.Set<String> NO_METADATA_API = java.util.Set.of(
            "API_DISABLED_FOR_ORG",
            "API_CURRENTLY_DISABLED",
            "INVALID_TYPE",
            "UNSUPPORTED_API_VERSION",
            "FUNCTIONALITY_NOT_ENABLED");

    private void noMetadataApi(SalesforceException e, String what) {
        if (e.errorCode() == null || !NO_METADATA_API.contains(e.errorCode())) {
            throw e;
        }
        warnings.add(what + e.getMessage());
    }

    /**
     * Reads in five independent lanes at once (each waits on the network, so at 150 ms a call the observation costs the
     * longest lane, not the sum): the admin and its approval assignment; the integration user and its access; the
     * permission sets, profiles and licenses the blueprint names; the app; the network settings (WSC sends each
     * Metadata API call on a connection of its own, so the two Metadata lanes, and the reads within them, may overlap). A failure in any lane stops the observation with that lane's error.
     */
    public Observed observe(Blueprint b, String orgId) {
        Set<String> setNames = new LinkedHashSet<>(b.desiredPermissionSets());
        if (b.bootstrap() != null) {
            setNames.addAll(b.bootstrap().permissionSets());
        }
        if (b.approval() != null) {
            setNames.add(b.approval().permissionSet());
        }
        Set<String> profileNames = new LinkedHashSet<>(List.of(b.finalPhase().profile()));
        if (b.bootstrap() != null) {
            profileNames.add(b.bootstrap().profile());
        }
        // One read first, alone: its answer carries the org's API usage, so the lanes below start with a known budget
        // (blind concurrent first calls could pass the reserve together).
        var sets = records.permissionSets(setNames);
        java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(5, r -> {
            Thread t = new Thread(r, "warden-observe");
            t.setDaemon(true);
            return t;
        });
        try {
            var adminLane = lanes.submit(() -> {
                UserState admin = records.currentUser();
                String approvalAssignment = null;
                if (b.approval() != null) {
                    approvalAssignment = records.access(admin.id()).permissionSets().stream()
                            .filter(a -> a.name().equals(b.approval().permissionSet()))
                            .map(Assignment::id)
                            .findFirst()
                            .orElse(null);
                }
                return new Object[] {admin, approvalAssignment};
            });
            var userLane = lanes.submit(() -> {
                UserState user = records.findUser(b.usernameFor(orgId)).orElse(null);
                return new Object[] {user, user == null ? UserAccess.none() : records.access(user.id())};
            });
            var namesLane = lanes.submit(() -> new Object[] {
                sets,
                records.profiles(profileNames),
                records.permissionSetLicenses(b.finalPhase().permissionSetLicenses())
            });
            var ecaLane = lanes.submit(() -> new Object[] {readEca(b)});
            var networkLane = lanes.submit(() -> new Object[] {readNetwork(b)});
            Object[] a = join(adminLane);
            Object[] u = join(userLane);
            Object[] n = join(namesLane);
            Object[] m = {join(ecaLane)[0], join(networkLane)[0]};
            String localCert =
                    keys.load(orgId).map(OrgKeys.KeyMaterial::certificatePem).orElse(null);
            @SuppressWarnings("unchecked")
            Observed o = new Observed(
                    orgId,
                    (UserState) u[0],
                    (UserAccess) u[1],
                    (java.util.Map<String, dev.warden.runner.org.OrgModel.PermissionSetInfo>) n[0],
                    (java.util.Map<String, String>) n[1],
                    (java.util.Map<String, String>) n[2],
                    (UserState) a[0],
                    (String) a[1],
                    (EcaState) m[0],
                    (NetworkState) m[1],
                    localCert);
            return o;
        } finally {
            lanes.shutdownNow();
        }
    }

    private EcaState readEca(Blueprint b) {
        if (b.app() == null) {
            return null;
        }
        try {
            EcaState eca = metadata.eca(b.app().eca());
            if (eca.installed()) {
                eca = eca.withUsageInstalled(appUsage.installed(b.app().eca()));
            }
            return eca;
        } catch (SalesforceException e) {
            noMetadataApi(e, "could not read the External Client App through the Metadata API: ");
            return null;
        }
    }

    private NetworkState readNetwork(Blueprint b) {
        try {
            return metadata.network(b.finalPhase().profile());
        } catch (SalesforceException e) {
            noMetadataApi(e, "could not read network settings through the Metadata API: ");
            return null;
        }
    }

    private static Object[] join(java.util.concurrent.Future<Object[]> lane) {
        try {
            return lane.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException("observe the org", 0, "INTERRUPTED", "interrupted");
        }
    }
}
