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
    private final List<String> warnings = new ArrayList<>();

    private final dev.warden.runner.org.AppUsagePort appUsage;

    public Observer(RecordsPort records, MetadataPort metadata, dev.warden.runner.org.AppUsagePort appUsage, OrgKeys keys) {
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
    static final java.util.Set<String> NO_METADATA_API = java.util.Set.of("API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED",
            "INVALID_TYPE", "UNSUPPORTED_API_VERSION", "FUNCTIONALITY_NOT_ENABLED");

    private void noMetadataApi(SalesforceException e, String what) {
        if (e.errorCode() == null || !NO_METADATA_API.contains(e.errorCode())) {
            throw e;
        }
        warnings.add(what + e.getMessage());
    }

    public Observed observe(Blueprint b, String orgId) {
        UserState admin = records.currentUser();
        UserState user = records.findUser(b.usernameFor(orgId)).orElse(null);
        UserAccess access = user == null ? UserAccess.none() : records.access(user.id());
        Set<String> setNames = new LinkedHashSet<>(b.desiredPermissionSets());
        if (b.bootstrap() != null) {
            setNames.addAll(b.bootstrap().permissionSets());
        }
        if (b.approval() != null) {
            setNames.add(b.approval().permissionSet());
        }
        Set<String> profiles = new LinkedHashSet<>(List.of(b.finalPhase().profile()));
        if (b.bootstrap() != null) {
            profiles.add(b.bootstrap().profile());
        }
        String approvalAssignment = null;
        if (b.approval() != null) {
            approvalAssignment = records.access(admin.id()).permissionSets().stream()
                    .filter(a -> a.name().equals(b.approval().permissionSet())).map(Assignment::id).findFirst().orElse(null);
        }
        EcaState eca = null;
        if (b.app() != null) {
            try {
                eca = metadata.eca(b.app().eca());
                if (eca.installed()) {
                    eca = eca.withUsageInstalled(appUsage.installed(b.app().eca()));
                }
            } catch (SalesforceException e) {
                eca = null;
                noMetadataApi(e, "could not read the External Client App through the Metadata API: ");
            }
        }
        NetworkState network = null;
        {
            try {
                network = metadata.network(b.finalPhase().profile());
            } catch (SalesforceException e) {
                noMetadataApi(e, "could not read network settings through the Metadata API: ");
            }
        }
        String localCert = keys.load(orgId).map(OrgKeys.KeyMaterial::certificatePem).orElse(null);
        return new Observed(orgId, user, access, records.permissionSets(setNames), records.profiles(profiles),
                records.permissionSetLicenses(b.finalPhase().permissionSetLicenses()), admin, approvalAssignment, eca, network, localCert);
    }
}
