package dev.warden.localorg.setup;

import java.util.List;
import java.util.Map;

/**
 * An External Client App as deployed: the ECA itself plus its satellite settings (salesforce-metadata-and-api.md
 * section 1), and its install state ("Connected Apps OAuth Usage" → Install, which has no public API).
 *
 * @param enabled ExtlClntAppConfigurablePolicies isEnabled and isOauthPluginEnabled (true until a policy says otherwise)
 * @param installed installed in the org; an uninstalled app is blocked (OAUTH_APP_BLOCKED) for users without
 *                  CanApproveUninstalledApps (section 5.5)
 */
public record ExternalClientApp(
        String name,
        String label,
        String contactEmail,
        String description,
        String distributionState,
        GlobalOAuth global,
        OAuthSettings oauth,
        OAuthPolicies policies,
        boolean enabled,
        boolean installed) {

    /**
     * ExtlClntAppGlobalOauthSettings. {@code certificatePem} present enables the JWT bearer flow.
     * consumerSecret is a secret: never shown by /_local/state.
     */
    public record GlobalOAuth(
            String consumerKey,
            String consumerSecret,
            String certificatePem,
            String callbackUrl,
            Map<String, Boolean> flags) {
        public GlobalOAuth {
            flags = flags == null ? Map.of() : Map.copyOf(flags);
        }
    }

    /** ExtlClntAppOauthSettings: scopes as in metadata ({@code Api, Web, RefreshToken}). */
    public record OAuthSettings(List<String> scopes) {
        public OAuthSettings {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /**
     * ExtlClntAppOauthConfigurablePolicies. {@code permissionSets}/{@code profiles} name the pre-authorized
     * permission sets and profiles (API names; ids are accepted too, UNCONFIRMED which the platform stores).
     */
    public record OAuthPolicies(
            String permittedUsersPolicyType,
            List<String> permissionSets,
            List<String> profiles,
            String ipRelaxationPolicyType,
            String refreshTokenPolicyType,
            Integer refreshTokenValidityPeriod,
            String refreshTokenValidityUnit) {
        public OAuthPolicies {
            permissionSets = permissionSets == null ? List.of() : List.copyOf(permissionSets);
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }

        /** Defaults an install creates when no policy was deployed: users self-authorize, IP restrictions enforced. */
        public static OAuthPolicies defaults() {
            return new OAuthPolicies("AllSelfAuthorized", List.of(), List.of(), "Enforce", "Infinite", null, null);
        }
    }

    public ExternalClientApp withGlobal(GlobalOAuth g) {
        return new ExternalClientApp(
                name, label, contactEmail, description, distributionState, g, oauth, policies, enabled, installed);
    }

    public ExternalClientApp withOAuth(OAuthSettings o) {
        return new ExternalClientApp(
                name, label, contactEmail, description, distributionState, global, o, policies, enabled, installed);
    }

    public ExternalClientApp withPolicies(OAuthPolicies p) {
        return new ExternalClientApp(
                name, label, contactEmail, description, distributionState, global, oauth, p, enabled, installed);
    }

    public ExternalClientApp withEnabled(boolean e) {
        return new ExternalClientApp(
                name, label, contactEmail, description, distributionState, global, oauth, policies, e, installed);
    }

    public ExternalClientApp withInstalled(boolean i) {
        return new ExternalClientApp(
                name, label, contactEmail, description, distributionState, global, oauth, policies, enabled, i);
    }
}
