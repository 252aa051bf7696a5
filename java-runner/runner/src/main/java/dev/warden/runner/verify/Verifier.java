package dev.warden.runner.verify;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.org.OrgModel.ApiUsage;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.plan.Planner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Observed org + blueprint + login outcome to checks with stable ids. Pure. */
public final class Verifier {

    public static final String SYMPTOM_BLOCKED = "OAUTH_APP_BLOCKED";
    public static final String SYMPTOM_NOT_APPROVED = "user hasn't approved this consumer";
    public static final String SYMPTOM_LICENSE_CHANGE = "connection broke after the license change";
    public static final String SYMPTOM_OVERWRITTEN = "assignments overwritten by a deployment";
    /** IPv4 trusted ranges wider than a /16 trust far more than one vendor's egress. */
    public static final BigInteger OVER_BROAD_IPV4 = BigInteger.ONE.shiftLeft(16);

    public static final BigInteger OVER_BROAD_IPV6 = BigInteger.ONE.shiftLeft(80);

    public record Input(
            Blueprint blueprint,
            Observed observed,
            JwtOutcome jwt,
            Map<String, String> triggers,
            ApiUsage apiUsage,
            int reservePercent) {}

    public List<Check> verify(Input in) {
        List<Check> out = new ArrayList<>();
        Blueprint b = in.blueprint();
        Observed o = in.observed();
        String username = b.usernameFor(o.orgId());
        if (o.user() == null) {
            out.add(Check.fail(
                    "user.exists",
                    "Integration user exists",
                    Check.Severity.HIGH,
                    "no user " + username + " in the org",
                    "run: warden provision",
                    null));
            for (String id : List.of(
                    "user.active",
                    "user.license",
                    "user.profile",
                    "perms.missing",
                    "perms.excess",
                    "perms.dangerous")) {
                out.add(Check.skip(id, title(id), "no integration user"));
            }
        } else {
            out.add(Check.pass(
                    "user.exists",
                    "Integration user exists",
                    username + " (" + o.user().id() + ")"));
            out.add(
                    o.user().active()
                            ? Check.pass("user.active", "Integration user is active", "IsActive = true")
                            : Check.fail(
                                    "user.active",
                                    "Integration user is active",
                                    Check.Severity.HIGH,
                                    "IsActive = false",
                                    "activate the user in Setup > Users (the JWT login fails with 'inactive user')",
                                    null));
            out.add(equalsOrFail(
                    "user.license",
                    b.finalPhase().license(),
                    o.user().licenseName(),
                    "run: warden provision (switches the license with a snapshot and re-assigns at once)"));
            out.add(equalsOrFail(
                    "user.profile", b.finalPhase().profile(), o.user().profileName(), "run: warden provision"));
            out.addAll(permissions(b, o));
        }
        boolean jwtBlocked = in.jwt() != null
                && in.jwt().status() == JwtOutcome.Status.FAILED
                && (SYMPTOM_BLOCKED.equalsIgnoreCase(in.jwt().error())
                        || String.valueOf(in.jwt().errorDescription())
                                .toLowerCase()
                                .contains("blocked"));
        out.add(jwt(in.jwt()));
        out.addAll(app(b, o, jwtBlocked));
        out.add(network(b, o));
        out.add(triggers(b, in.triggers()));
        out.add(budget(in.apiUsage(), in.reservePercent()));
        out.add(approval(b, o));
        return out;
    }

    private Check equalsOrFail(String id, String wanted, String actual, String remediation) {
        if (wanted.equals(actual)) {
            return Check.pass(id, title(id), actual);
        }
        return Check.fail(
                id,
                title(id),
                Check.Severity.HIGH,
                "is '" + actual + "', the blueprint wants '" + wanted + "'",
                remediation,
                null);
    }

    private List<Check> permissions(Blueprint b, Observed o) {
        List<Check> out = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        for (String psl : b.finalPhase().permissionSetLicenses()) {
            if (!o.access().pslNames().contains(psl)) {
                missing.add(psl + " (permission set license)");
            }
        }
        for (String ps : b.desiredPermissionSets()) {
            if (!o.access().permissionSetNames().contains(ps)) {
                missing.add(ps);
            }
        }
        if (missing.isEmpty()) {
            out.add(Check.pass(
                    "perms.missing",
                    title("perms.missing"),
                    "holds " + o.access().pslNames() + " and " + o.access().permissionSetNames()));
        } else {
            boolean onFinalLicense = b.finalPhase().license().equals(o.user().licenseName());
            out.add(Check.fail(
                    "perms.missing",
                    title("perms.missing"),
                    Check.Severity.HIGH,
                    "missing: " + String.join(", ", missing),
                    "run: warden provision (re-assigns them); after CI/CD deployments run warden verify",
                    onFinalLicense ? SYMPTOM_LICENSE_CHANGE + " / " + SYMPTOM_OVERWRITTEN : SYMPTOM_OVERWRITTEN));
        }
        Set<String> excess = new TreeSet<>(o.access().permissionSetNames());
        excess.removeAll(b.desiredPermissionSets());
        out.add(
                excess.isEmpty()
                        ? Check.pass("perms.excess", title("perms.excess"), "no permission set beyond the blueprint's")
                        : Check.fail(
                                "perms.excess",
                                title("perms.excess"),
                                Check.Severity.MEDIUM,
                                "also holds: " + String.join(", ", excess),
                                "remove them from " + o.user().username()
                                        + " (Setup > Users > Permission Set Assignments), or add them to the blueprint",
                                null));
        Map<String, List<String>> dangerous = new TreeMap<>(o.access().dangerousPermissionSources());
        dangerous.keySet().removeAll(b.allowedPermissions());
        out.add(
                dangerous.isEmpty()
                        ? Check.pass(
                                "perms.dangerous",
                                title("perms.dangerous"),
                                "none beyond the blueprint's allowed " + b.allowedPermissions())
                        : Check.fail(
                                "perms.dangerous",
                                title("perms.dangerous"),
                                Check.Severity.HIGH,
                                describeSources(dangerous),
                                "remove the permission from the listed permission sets or profile, or list it under allowedPermissions if the integration truly needs it",
                                null));
        return out;
    }

    private static String describeSources(Map<String, List<String>> sources) {
        List<String> parts = new ArrayList<>();
        sources.forEach((perm, from) -> parts.add(perm + " from " + String.join(", ", from)));
        return String.join("; ", parts);
    }

    private Check jwt(JwtOutcome jwt) {
        String id = "jwt.login";
        if (jwt == null || jwt.status() == JwtOutcome.Status.SKIPPED) {
            return Check.skip(id, title(id), jwt == null ? "not attempted" : jwt.skipReason());
        }
        if (jwt.status() == JwtOutcome.Status.OK) {
            return Check.pass(id, title(id), "JWT bearer login succeeded (audience " + jwt.audience() + ")");
        }
        String said = jwt.error() + (jwt.errorDescription() == null ? "" : ": " + jwt.errorDescription());
        String desc =
                jwt.errorDescription() == null ? "" : jwt.errorDescription().toLowerCase();
        String symptom = null;
        String remediation = "see the eca.* and perms.* checks; then run: warden provision";
        if (SYMPTOM_BLOCKED.equalsIgnoreCase(jwt.error()) || desc.contains("blocked")) {
            symptom = SYMPTOM_BLOCKED;
            remediation =
                    "the app is blocked or not installed in this org: run warden provision, which installs and configures it locally";
        } else if (desc.contains("approved")) {
            symptom = SYMPTOM_NOT_APPROVED;
            remediation =
                    "pre-authorize the app by a permission set without a license that the user holds (eca.preauth): run warden provision";
        } else if (desc.contains("audience")) {
            remediation =
                    "the app is not known at this login URL (refreshed sandbox?): run warden provision to deploy its settings here";
        }
        return Check.fail(id, title(id), Check.Severity.HIGH, "Salesforce said: " + said, remediation, symptom);
    }

    /** @param jwtBlocked the JWT login failed because the app is blocked (passed in: the verifier holds no state) */
    private List<Check> app(Blueprint b, Observed o, boolean jwtBlocked) {
        List<String> ids = List.of(
                "eca.installed", "eca.preauth", "eca.scopes", "eca.ip-relaxation", "eca.refresh-token", "eca.flows");
        List<Check> out = new ArrayList<>();
        Blueprint.App app = b.app();
        if (app == null) {
            ids.forEach(id -> out.add(Check.skip(id, title(id), "the blueprint has no app")));
            return out;
        }
        EcaState eca = o.eca();
        if (eca == null) {
            ids.forEach(id -> out.add(Check.skip(id, title(id), "the app could not be read (no Metadata API)")));
            return out;
        }
        boolean loginBlocked = jwtBlocked;
        if (!eca.installed()
                || eca.blocked()
                || !eca.globalSettings()
                || Boolean.FALSE.equals(eca.usageInstalled())
                || loginBlocked) {
            String evidence = !eca.installed()
                    ? app.eca() + " is not in the org"
                    : eca.blocked()
                            ? app.eca() + " is disabled by its policies"
                            : !eca.globalSettings()
                                    ? app.eca() + " has no global OAuth settings (JWT bearer off)"
                                    : app.eca() + " is not installed in Connected Apps OAuth Usage";
            String fix = Boolean.FALSE.equals(eca.usageInstalled()) || loginBlocked
                    ? "install it: Setup > Connected Apps OAuth Usage > Install (warden provision does it on the embedded org)"
                    : "run: warden up (deploys the package and the app's OAuth settings into this org)";
            out.add(Check.fail(
                    "eca.installed", title("eca.installed"), Check.Severity.HIGH, evidence, fix, SYMPTOM_BLOCKED));
        } else {
            out.add(Check.pass(
                    "eca.installed", title("eca.installed"), app.eca() + " is installed locally with JWT bearer on"));
        }
        List<String> preauthProblems = new ArrayList<>();
        if (!Planner.OAUTH_POLICY_PRE_AUTHORIZED.equals(eca.permittedUsers())) {
            preauthProblems.add("permitted users: " + eca.permittedUsers());
        }
        if (app.preAuthorizedBy() != null
                && !List.of(app.preAuthorizedBy()).equals(eca.preAuthorizingPermissionSets())) {
            preauthProblems.add("pre-authorizing permission sets: " + eca.preAuthorizingPermissionSets());
        }
        if (!eca.preAuthorizingProfiles().isEmpty()) {
            preauthProblems.add("profiles pre-authorized too: " + eca.preAuthorizingProfiles());
        }
        if (app.preAuthorizedBy() != null
                && o.user() != null
                && !o.access().permissionSetNames().contains(app.preAuthorizedBy())) {
            preauthProblems.add("the user does not hold " + app.preAuthorizedBy());
        }
        PermissionSetInfo pre =
                app.preAuthorizedBy() == null ? null : o.permissionSets().get(app.preAuthorizedBy());
        if (pre != null && pre.license() != null) {
            preauthProblems.add(app.preAuthorizedBy() + " carries the license '" + pre.license()
                    + "'; such a set cannot pre-authorize an app");
        }
        out.add(
                preauthProblems.isEmpty()
                        ? Check.pass(
                                "eca.preauth",
                                title("eca.preauth"),
                                "admin-approved, pre-authorized only through " + app.preAuthorizedBy())
                        : Check.fail(
                                "eca.preauth",
                                title("eca.preauth"),
                                Check.Severity.HIGH,
                                String.join("; ", preauthProblems),
                                "run: warden provision (sets the policy and assigns " + app.preAuthorizedBy() + ")",
                                SYMPTOM_NOT_APPROVED));
        Set<String> extraScopes = new TreeSet<>(eca.scopes());
        extraScopes.removeAll(app.scopes());
        // Nothing read is not "minimal": without the OAuth settings there is nothing to check, so the check says so.
        out.add(
                eca.scopes().isEmpty()
                        ? Check.skip(
                                "eca.scopes",
                                title("eca.scopes"),
                                "no OAuth scopes were read from the app's OAuth settings (not deployed or not readable)")
                        : extraScopes.isEmpty()
                                ? Check.pass("eca.scopes", title("eca.scopes"), "scopes " + eca.scopes())
                                : Check.fail(
                                        "eca.scopes",
                                        title("eca.scopes"),
                                        Check.Severity.MEDIUM,
                                        "scopes beyond the blueprint's " + app.scopes() + ": " + extraScopes,
                                        "remove them from the app's OAuth settings (ExtlClntAppOauthSettings.commaSeparatedOauthScopes)",
                                        null));
        out.add(
                "Enforce".equals(eca.ipRelaxation())
                        ? Check.pass("eca.ip-relaxation", title("eca.ip-relaxation"), "Enforce IP restrictions")
                        : Check.fail(
                                "eca.ip-relaxation",
                                title("eca.ip-relaxation"),
                                Check.Severity.MEDIUM,
                                "IP relaxation is " + eca.ipRelaxation(),
                                "run: warden provision (sets Enforce)",
                                null));
        if (eca.refreshTokenPolicy() == null || eca.refreshTokenPolicy().isBlank()) {
            out.add(Check.skip(
                    "eca.refresh-token",
                    title("eca.refresh-token"),
                    "no refresh token policy was read from the app's OAuth policies"));
        } else if ("Infinite".equals(eca.refreshTokenPolicy())) {
            out.add(
                    "Infinite".equals(app.refreshToken().policy())
                            ? Check.warn(
                                    "eca.refresh-token",
                                    title("eca.refresh-token"),
                                    "refresh tokens valid until revoked (the blueprint asks for it)",
                                    "prefer Zero or SpecificLifetime; JWT bearer needs no refresh token")
                            : Check.fail(
                                    "eca.refresh-token",
                                    title("eca.refresh-token"),
                                    Check.Severity.MEDIUM,
                                    "refresh tokens valid until revoked",
                                    "run: warden provision (sets "
                                            + app.refreshToken().policy() + ")",
                                    null));
        } else {
            out.add(Check.pass(
                    "eca.refresh-token",
                    title("eca.refresh-token"),
                    "refresh token policy " + eca.refreshTokenPolicy()));
        }
        out.add(
                eca.enabledExtraFlows().isEmpty()
                        ? Check.pass("eca.flows", title("eca.flows"), "only JWT bearer")
                        : Check.fail(
                                "eca.flows",
                                title("eca.flows"),
                                Check.Severity.MEDIUM,
                                "also enabled: " + eca.enabledExtraFlows(),
                                "run: warden provision (turns extra flows off)",
                                null));
        return out;
    }

    private Check network(Blueprint b, Observed o) {
        String id = "network.trusted-ranges";
        List<IpRange> wanted = b.network().ranges();
        if (o.network() == null) {
            return Check.skip(id, title(id), "network settings could not be read (no Metadata API)");
        }
        List<IpRange> missing = Planner.missingRanges(wanted, o.network().trustedRanges());
        List<IpRange> broad = o.network().trustedRanges().stream()
                .filter(r -> r.size().compareTo(r.isIpv4() ? OVER_BROAD_IPV4 : OVER_BROAD_IPV6) > 0)
                .toList();
        if (!missing.isEmpty()) {
            return Check.fail(
                    id,
                    title(id),
                    Check.Severity.MEDIUM,
                    "not trusted: " + missing,
                    "run: warden provision (merges them into Network Access, keeping existing ranges)",
                    null);
        }
        if (!broad.isEmpty()) {
            return Check.fail(
                    id,
                    title(id),
                    Check.Severity.MEDIUM,
                    "over-broad trusted ranges (wider than a /16): " + broad,
                    "narrow them in Setup > Network Access to the vendor's published egress ranges",
                    null);
        }
        return Check.pass(
                id,
                title(id),
                wanted.isEmpty()
                        ? "the blueprint trusts no extra range"
                        : "all of " + wanted + " trusted, none over-broad");
    }

    private Check triggers(Blueprint b, Map<String, String> triggers) {
        String id = "package.triggers";
        if (b.packageTriggers().isEmpty()) {
            return Check.skip(id, title(id), "the blueprint lists no package triggers");
        }
        if (triggers == null) {
            return Check.skip(id, title(id), "triggers could not be read");
        }
        List<String> problems = new ArrayList<>();
        for (String t : b.packageTriggers()) {
            String status = triggers.get(t);
            if (status == null) {
                problems.add(t + " missing");
            } else if (!"Active".equals(status)) {
                problems.add(t + " " + status);
            }
        }
        return problems.isEmpty()
                ? Check.pass(id, title(id), "active: " + b.packageTriggers())
                : Check.fail(
                        id,
                        title(id),
                        Check.Severity.HIGH,
                        String.join(", ", problems),
                        "run: warden deploy (files and records are not captured for scanning while a trigger is off)",
                        null);
    }

    private Check budget(ApiUsage usage, int reservePercent) {
        String id = "api.budget";
        if (usage == null || usage.max() <= 0) {
            return Check.skip(id, title(id), "no API usage reported");
        }
        long limit = usage.max() - usage.max() * reservePercent / 100;
        String evidence =
                usage.used() + " of " + usage.max() + " daily API requests used; reserve " + reservePercent + "%";
        return usage.used() < limit
                ? Check.pass(id, title(id), evidence)
                : Check.fail(
                        id,
                        title(id),
                        Check.Severity.MEDIUM,
                        evidence,
                        "wait for the 24-hour window to roll, or find the caller in Setup > Company Information > API Requests",
                        null);
    }

    private Check approval(Blueprint b, Observed o) {
        String id = "approval.temporary";
        if (b.approval() == null || !b.approval().temporary()) {
            return Check.skip(id, title(id), "the blueprint has no temporary approval permission set");
        }
        return o.approvalAssignmentId() == null
                ? Check.pass(id, title(id), b.approval().permissionSet() + " is not left on the installing admin")
                : Check.fail(
                        id,
                        title(id),
                        Check.Severity.MEDIUM,
                        b.approval().permissionSet() + " is still assigned to "
                                + o.admin().username(),
                        "run: warden provision (removes it once the app is configured)",
                        null);
    }

    static String title(String id) {
        return switch (id) {
            case "user.active" -> "Integration user is active";
            case "user.license" -> "Integration user has the blueprint's license";
            case "user.profile" -> "Integration user has the blueprint's profile";
            case "perms.missing" -> "Integration user holds every blueprint PSL and permission set";
            case "perms.excess" -> "Integration user holds no permission set beyond the blueprint";
            case "perms.dangerous" -> "No dangerous permission from any source";
            case "jwt.login" -> "JWT bearer login as the integration user";
            case "eca.installed" -> "External Client App installed in this org";
            case "eca.preauth" -> "App pre-authorized only through the blueprint's permission set";
            case "eca.scopes" -> "App scopes minimal";
            case "eca.ip-relaxation" -> "App enforces IP restrictions";
            case "eca.refresh-token" -> "App refresh tokens finite";
            case "eca.flows" -> "App extra OAuth flows off";
            case "network.trusted-ranges" -> "Trusted IP ranges hold the blueprint's, none over-broad";
            case "package.triggers" -> "Package triggers active";
            case "api.budget" -> "Daily API budget above the reserve";
            case "approval.temporary" -> "Temporary approval permission set removed";
            default -> id;
        };
    }
}
