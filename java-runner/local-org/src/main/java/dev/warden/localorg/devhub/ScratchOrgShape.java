package dev.warden.localorg.devhub;

import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a freshly seeded org the scratch org a ScratchOrgInfo asked for: Organization says scratch
 * ({@code IsSandbox} with a {@code TrialExpirationDate}, which is how sf tells, devhub-packaging-wire.md 0.4), the
 * edition and name, SourceMember for source tracking, and — for a JWT-authorized hub — the hub's app trusted and
 * pre-authorized for the new admin (the platform's "connected app that is approved automatically during scratch org
 * creation"). Features are recorded on the ScratchOrgInfo only; the local org does not model their effects.
 */
final class ScratchOrgShape {
    private ScratchOrgShape() {}

    static void apply(Org org, ScratchOrgSpec spec, Instant expires, ExternalClientApp hubApp) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("Name", spec.orgName());
        organization.put("IsSandbox", true);
        organization.put("TrialExpirationDate", expires);
        organization.put("OrganizationType", spec.organizationType());
        org.db().update(org.system(), org.orgId(), organization);
        if (spec.adminEmail() != null) {
            org.db().update(org.system(), org.adminUserId(), Map.of("Email", spec.adminEmail()));
        }
        DevHubObjects.defineScratchObjects(org.schema());
        if (hubApp != null) {
            trust(org, hubApp);
        }
    }

    /**
     * The hub's External Client App, copied into the scratch org with its certificate and pre-authorized for System
     * Administrator, so sf's JWT bearer login of the new admin works. The real platform does this for connected
     * apps only; the local org models External Client Apps only, so it propagates the ECA (documented deviation).
     */
    private static void trust(Org org, ExternalClientApp app) {
        String actor = org.adminUserId();
        org.metadata()
                .putEca(actor, app.name(), app.label(), app.contactEmail(), app.description(), app.distributionState());
        org.metadata().setGlobalOAuth(actor, app.name(), app.global());
        org.metadata()
                .setOAuthSettings(
                        actor,
                        app.name(),
                        app.oauth() != null
                                ? app.oauth()
                                : new ExternalClientApp.OAuthSettings(List.of("Api", "Web", "RefreshToken")));
        ExternalClientApp.OAuthPolicies base =
                app.policies() != null ? app.policies() : ExternalClientApp.OAuthPolicies.defaults();
        org.metadata()
                .setOAuthPolicies(
                        actor,
                        app.name(),
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of(),
                                List.of("System Administrator"),
                                base.ipRelaxationPolicyType(),
                                base.refreshTokenPolicyType(),
                                base.refreshTokenValidityPeriod(),
                                base.refreshTokenValidityUnit()));
        org.metadata().setInstalled(actor, app.name(), true);
    }

    /** Sets the expiration date to now (the /_local/devhub/expire admin call). */
    static void expireNow(Org org) {
        org.db()
                .update(
                        org.system(),
                        org.orgId(),
                        Map.of("TrialExpirationDate", org.db().clock().instant().minusSeconds(1)));
    }
}
