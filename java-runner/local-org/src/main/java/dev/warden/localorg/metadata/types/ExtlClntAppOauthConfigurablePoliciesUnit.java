package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.rules.Licenses;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * ExtlClntAppOauthConfigurablePolicies: who may use the app (pre-authorized permission sets and profiles, which must
 * exist; a set carrying the API Integration PSL can't pre-authorize), IP relaxation and refresh-token policy.
 */
public final class ExtlClntAppOauthConfigurablePoliciesUnit extends EcaSatellite {
    public ExtlClntAppOauthConfigurablePoliciesUnit() {
        super(
                MetadataType.xml("ExtlClntAppOauthConfigurablePolicies", "extlClntAppOauthPolicies", "ecaOauthPlcy"),
                "_oauthPlcy");
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!validateParent(c, ctx)) {
            return;
        }
        Org org = ctx.org();
        Element x = c.xml();
        if (!oneOf(c, x, "permittedUsersPolicyType", "AdminApprovedPreAuthorized", "AllSelfAuthorized")
                || !oneOf(c, x, "ipRelaxationPolicyType", "Enforce", "Bypass", "Bypass_2factor", "Enforce_RelaxRefresh")
                || !oneOf(
                        c, x, "refreshTokenPolicyType", "Infinite", "SpecificInactivity", "SpecificLifetime", "Zero")) {
            return;
        }
        String refresh = text(x, "refreshTokenPolicyType");
        if (refresh != null && refresh.startsWith("Specific")) {
            String period = text(x, "refreshTokenValidityPeriod");
            if (period == null
                    || !period.matches("[1-9][0-9]*")
                    || !Set.of("Days", "Hours", "Months")
                            .contains(String.valueOf(text(x, "refreshTokenValidityUnit")))) {
                c.fail(refresh + " needs refreshTokenValidityPeriod (a positive number) and refreshTokenValidityUnit"
                        + " (Days, Hours or Months)");
                return;
            }
        }
        for (String ps : splitList(text(x, "commaSeparatedPermissionSet"))) {
            Record rec = org.db().findOne("PermissionSet", "Name", ps);
            Component deployed = ctx.deployed("PermissionSet", ps);
            if (rec == null && deployed == null) {
                c.fail("In field: commaSeparatedPermissionSet - no PermissionSet named " + ps + " found");
                return;
            }
            String license = deployed != null && deployed.parsed() instanceof PermissionSetContent p
                    ? p.license()
                    : licenseName(org, rec);
            if (license != null
                    && (license.equalsIgnoreCase(Licenses.API_INTEGRATION_PSL)
                            || license.equalsIgnoreCase(Licenses.API_INTEGRATION_PSL_LABEL))) {
                // anchors.md known traps: a set carrying the Salesforce API Integration PSL cannot hold assigned apps
                // ("user hasn't approved this consumer"). Platform wording UNCONFIRMED.
                c.fail("Permission set " + ps + " is tied to the " + Licenses.API_INTEGRATION_PSL_LABEL
                        + " permission set license and can't pre-authorize an External Client App; use a permission set"
                        + " without a license");
                return;
            }
        }
        for (String profile : splitList(text(x, "commaSeparatedProfile"))) {
            if (org.db().findOne("Profile", "Name", profile) == null) {
                c.fail("In field: commaSeparatedProfile - no Profile named " + profile + " found");
                return;
            }
        }
    }

    private static String licenseName(Org org, Record ps) {
        if (ps == null || ps.get("LicenseId") == null) {
            return null;
        }
        Record lic = org.db().retrieve(ps.getString("LicenseId"));
        return lic == null
                ? null
                : lic.objectName().equals("PermissionSetLicense")
                        ? lic.getString("DeveloperName")
                        : lic.getString("Name");
    }

    private static boolean oneOf(Component c, Element x, String field, String... allowed) {
        String v = text(x, field);
        if (v != null && !v.isEmpty() && !List.of(allowed).contains(v)) {
            c.fail("Invalid " + field + " " + v + ": expected one of " + String.join(", ", allowed));
            return false;
        }
        return true;
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Element x = c.xml();
        String period = text(x, "refreshTokenValidityPeriod");
        ctx.org()
                .metadata()
                .setOAuthPolicies(
                        ctx.actor(),
                        text(x, "externalClientApplication"),
                        new ExternalClientApp.OAuthPolicies(
                                text(x, "permittedUsersPolicyType"),
                                splitList(text(x, "commaSeparatedPermissionSet")),
                                splitList(text(x, "commaSeparatedProfile")),
                                text(x, "ipRelaxationPolicyType"),
                                text(x, "refreshTokenPolicyType"),
                                period == null || period.isEmpty() ? null : Integer.valueOf(period),
                                text(x, "refreshTokenValidityUnit")));
        ctx.keep(c);
    }

    @Override
    boolean present(ExternalClientApp app) {
        return app.policies() != null;
    }

    @Override
    String body(ExternalClientApp a) {
        ExternalClientApp.OAuthPolicies p = a.policies();
        return el(
                        "commaSeparatedPermissionSet",
                        p.permissionSets().isEmpty() ? null : String.join(",", p.permissionSets()))
                + el("commaSeparatedProfile", p.profiles().isEmpty() ? null : String.join(",", p.profiles()))
                + el("externalClientApplication", a.name())
                + el("ipRelaxationPolicyType", p.ipRelaxationPolicyType())
                + el("label", a.label() + " OAuth Policies")
                + el("permittedUsersPolicyType", p.permittedUsersPolicyType())
                + el("refreshTokenPolicyType", p.refreshTokenPolicyType())
                + el(
                        "refreshTokenValidityPeriod",
                        p.refreshTokenValidityPeriod() == null ? null : String.valueOf(p.refreshTokenValidityPeriod()))
                + el("refreshTokenValidityUnit", p.refreshTokenValidityUnit());
    }
}
